//! Plain Rust library used by the extension crate.

/// Reached from Python through the extension (`pyo3_demo.checksum`).
pub fn checksum(data: &[u8]) -> u32 {
    let mut sum: u32 = 0;
    for byte in data {
        sum = sum.wrapping_mul(31).wrapping_add(u32::from(*byte));
    }
    sum
}

/// Reached only by `cargo test` (the unit test below).
pub fn fibonacci(n: u32) -> u64 {
    let (mut a, mut b) = (0u64, 1u64);
    for _ in 0..n {
        let next = a + b;
        a = b;
        b = next;
    }
    a
}

/// Reached only from the Python worker subprocess, through the extension.
pub fn scale(values: &[i64], factor: i64) -> Vec<i64> {
    values.iter().map(|v| v * factor).collect()
}

/// Reached by nothing.
pub fn never_called(x: i32) -> i32 {
    let doubled = x * 2;
    doubled + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fibonacci_of_ten() {
        assert_eq!(fibonacci(10), 55);
    }
}
