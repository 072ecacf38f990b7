use pyo3::prelude::*;

/// Plain Rust, tested by `cargo test` and reached from Python.
pub fn add(a: i64, b: i64) -> i64 {
    a + b
}

/// Reached from Python only.
#[pyfunction]
fn add_from_python(a: i64, b: i64) -> i64 {
    add(a, b)
}

#[pymodule]
fn ext_module_demo(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(add_from_python, m)?)
}

#[cfg(test)]
mod tests {
    use pyo3::prelude::*;

    #[test]
    fn adds() {
        assert_eq!(super::add(2, 3), 5);
    }

    /// Calls into Python: with extension-module this test executable cannot be linked.
    #[test]
    fn adds_through_python() {
        Python::attach(|py| {
            let expected: i64 = py.eval(c"2 + 3", None, None).unwrap().extract().unwrap();
            assert_eq!(super::add_from_python(2, 3), expected);
        });
    }
}
