//! Plain Rust library of a uv project whose test tools sit in a `test` dependency group.

/// Reached from Python through the extension.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Reached only by `cargo test`.
pub fn clamp_percent(value: i64) -> i64 {
    if value < 0 {
        0
    } else if value > 100 {
        100
    } else {
        value
    }
}

/// Reached by nothing.
pub fn unreached(x: u8) -> u8 {
    x.rotate_left(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamps_above_and_below() {
        assert_eq!(clamp_percent(-5), 0);
        assert_eq!(clamp_percent(150), 100);
    }
}
