//! The `pyo3_demo._native` extension module.

use pyo3::prelude::*;

/// Called by the pytest suite.
#[pyfunction]
fn checksum(data: &[u8]) -> u32 {
    demo_core::checksum(data)
}

/// Called only by the worker subprocess that a test starts.
#[pyfunction]
fn worker_scale(values: Vec<i64>, factor: i64) -> Vec<i64> {
    let scaled = demo_core::scale(&values, factor);
    scaled
}

/// Called by nothing.
#[pyfunction]
fn unused_native(x: i64) -> i64 {
    let y = x - 1;
    y * y
}

// LCOV_EXCL_START
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(checksum, m)?)?;
    m.add_function(wrap_pyfunction!(worker_scale, m)?)?;
    m.add_function(wrap_pyfunction!(unused_native, m)?)?;
    Ok(())
}
// LCOV_EXCL_STOP
