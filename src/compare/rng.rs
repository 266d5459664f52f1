//! A small seeded random number generator for the bootstrap: SplitMix64 (Steele, Lea & Flood
//! 2014, "Fast splittable pseudorandom number generators", OOPSLA). Every bootstrap replicate gets
//! its own stream derived from (seed, comparison, replicate), so results are the same whatever the
//! number of threads and whichever other comparisons run.

/// The SplitMix64 generator.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's output function: a bijective mix of 64 bits.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// The stream of replicate `replicate` of the comparison identified by `key` under `seed`.
    pub fn stream(seed: u64, key: u64, replicate: u64) -> Self {
        SplitMix64::new(mix(
            mix(seed ^ mix(key)).wrapping_add(replicate.wrapping_mul(GOLDEN_GAMMA))
        ))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN_GAMMA);
        mix(self.state)
    }

    /// A uniform index below `n` (n > 0), by the multiply-shift method: the bias is below
    /// n / 2⁶⁴, far under anything a bootstrap could notice.
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }
}

/// A stable 64-bit key for a text (FNV-1a), to derive streams from names.
pub fn key_of(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.as_bytes().iter().chain(std::iter::once(&0xff)) {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_reference_values() {
        // The first outputs of SplitMix64 seeded with 0, as published with the algorithm.
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn indices_are_in_range_and_roughly_uniform() {
        let mut r = SplitMix64::stream(7, key_of(&["a", "b"]), 3);
        let mut counts = [0u32; 5];
        for _ in 0..50_000 {
            counts[r.below(5)] += 1;
        }
        assert!(
            counts.iter().all(|&c| (9_500..10_500).contains(&c)),
            "{counts:?}"
        );
        assert_ne!(key_of(&["ab", "c"]), key_of(&["a", "bc"]));
    }
}
