//! How much memory scoring an article may take, and how much this process can still take: the
//! smallest room left under its address-space limit, its control group's limit and the memory
//! the system has free. A long article that would not fit is skipped with a message rather than
//! scored until an allocation fails and the process aborts.

/// Bytes of memory scoring takes per byte of article at worst, as measured on the costliest
/// texts found (one-word exclamations that all match, `War! War! ...`: 155), with a margin.
/// Ordinary prose takes 10 to 35 (see docs/limits.md).
pub const WORST_BYTES_PER_BYTE: u64 = 160;

/// Articles up to this size are scored without a look at the memory left: at worst they take
/// some 40 MB.
pub const CHECKED_ABOVE: usize = 256 << 10;

/// The memory scoring an article of `bytes` bytes takes at worst.
pub fn needed_for(bytes: usize) -> u64 {
    (bytes as u64).saturating_mul(WORST_BYTES_PER_BYTE)
}

/// The error of a thread that could not be started: that fails when memory runs short, and a
/// run then ends with a message rather than a panic.
pub fn thread_error(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::OutOfMemory,
        format!("out of memory: cannot start a thread ({e})"),
    )
}

/// The memory this process can still take, when it can be told (on Linux); `None` elsewhere.
pub fn available() -> Option<u64> {
    imp::available()
}

#[cfg(target_os = "linux")]
mod imp {
    /// The smallest of the room under the address-space limit, under the control group's limit,
    /// and the memory the system has free (with free swap).
    pub fn available() -> Option<u64> {
        [address_space_left(), cgroup_left(), system_available()]
            .into_iter()
            .flatten()
            .min()
    }

    fn address_space_left() -> Option<u64> {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit fills the struct given.
        if unsafe { libc::getrlimit(libc::RLIMIT_AS, &mut limit) } != 0
            || limit.rlim_cur == libc::RLIM_INFINITY
        {
            return None;
        }
        // The first field of statm is the size of the address space, in pages.
        let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
        let pages: u64 = statm.split_whitespace().next()?.parse().ok()?;
        // SAFETY: sysconf with a valid name has no other effect.
        let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) }.max(4096) as u64;
        // rlim_t is 64 bits here, narrower on some systems.
        #[allow(clippy::useless_conversion)]
        let limit = u64::from(limit.rlim_cur);
        Some(limit.saturating_sub(pages * page))
    }

    fn cgroup_left() -> Option<u64> {
        let read =
            |path: &str| -> Option<u64> { std::fs::read_to_string(path).ok()?.trim().parse().ok() };
        // cgroup v2, then v1 (whose "no limit" is a huge number, which min() passes over).
        let (max, current) = match read("/sys/fs/cgroup/memory.max") {
            Some(max) => (max, read("/sys/fs/cgroup/memory.current")?),
            None => (
                read("/sys/fs/cgroup/memory/memory.limit_in_bytes")?,
                read("/sys/fs/cgroup/memory/memory.usage_in_bytes")?,
            ),
        };
        Some(max.saturating_sub(current))
    }

    fn system_available() -> Option<u64> {
        let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
        let field = |name: &str| -> Option<u64> {
            let line = meminfo.lines().find(|l| l.starts_with(name))?;
            let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kb * 1024)
        };
        Some(field("MemAvailable:")? + field("SwapFree:").unwrap_or(0))
    }
}

#[cfg(not(target_os = "linux"))]
mod imp {
    pub fn available() -> Option<u64> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worst_case_is_counted_without_overflow() {
        assert_eq!(needed_for(1 << 20), 160 << 20);
        assert_eq!(needed_for(usize::MAX), u64::MAX);
        #[cfg(target_os = "linux")]
        assert!(available().is_some_and(|a| a > 0));
    }
}
