//! The last resort when memory runs out: an allocation that fails ends the process with a
//! message and exit status 2, after removing its temporary files and lock, instead of an abort
//! with a backtrace. Articles that may not fit are skipped before they are scored (see
//! `framescope::memory`); this catches what that estimate did not.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, Ordering};

/// The system allocator, with a clean exit where it fails.
pub struct Guarded;

// SAFETY: every call is passed to the system allocator unchanged; a failure never returns.
unsafe impl GlobalAlloc for Guarded {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if p.is_null() {
            out_of_memory(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if p.is_null() {
            out_of_memory(layout.size());
        }
        p
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if p.is_null() {
            out_of_memory(new_size);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

static ENDING: AtomicBool = AtomicBool::new(false);

/// Says what happened and ends the process, allocating nothing.
fn out_of_memory(size: usize) -> ! {
    if !ENDING.swap(true, Ordering::SeqCst) {
        let mut digits = [0u8; 20];
        let mut i = digits.len();
        let mut n = size;
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for part in [
            b"\nframescope: error: out of memory (".as_slice(),
            &digits[i..],
            b" bytes asked for); nothing was replaced: the previous outputs are unchanged; \
              lower --max-article-mb or --jobs, or free memory\n",
        ] {
            // SAFETY: write(2) of a valid buffer to stderr.
            unsafe { libc::write(2, part.as_ptr().cast(), part.len()) };
        }
        framescope::output::pending::remove_all_now();
        // SAFETY: _exit ends the process at once, without running anything that could allocate.
        unsafe { libc::_exit(2) }
    }
    // Another thread ran out first and is saying so: ending the process here would cut its
    // message short and leave its temporary files, so this thread waits for it to end.
    loop {
        // SAFETY: pause(2) only waits for a signal; nothing is allocated.
        unsafe { libc::pause() };
    }
}
