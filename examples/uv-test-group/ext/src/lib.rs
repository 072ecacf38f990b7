//! The `uv_group_demo._uvgroup` extension module.

use pyo3::prelude::*;

/// Called by the pytest suite.
#[pyfunction]
fn words(text: &str) -> usize {
    uv_group_core::word_count(text)
}

#[pymodule]
fn _uvgroup(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(words, m)?)?;
    Ok(())
}
