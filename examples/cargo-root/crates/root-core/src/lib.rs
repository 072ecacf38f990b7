//! Plain Rust library at the Cargo workspace root's side of a member Python project.

/// Reached from Python through the extension.
pub fn triangle(n: u64) -> u64 {
    let mut total = 0;
    for i in 1..=n {
        total += i;
    }
    total
}

/// Reached only by `cargo test`.
pub fn is_even(n: u64) -> bool {
    n % 2 == 0
}

/// Reached by nothing.
pub fn unreached(n: u64) -> u64 {
    n.pow(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evens() {
        assert!(is_even(4));
    }

    #[test]
    fn fails_when_asked() {
        // A failing test on request: the action must still report everything measured.
        assert!(std::env::var_os("SHAPE_FAIL").is_none(), "SHAPE_FAIL is set");
    }
}
