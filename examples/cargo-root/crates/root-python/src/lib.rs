//! The `cargo_root_demo._cargoroot` extension module.

use pyo3::prelude::*;

/// Called by the pytest suite.
#[pyfunction]
fn triangle(n: u64) -> u64 {
    root_core::triangle(n)
}

#[pymodule]
fn _cargoroot(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(triangle, m)?)?;
    Ok(())
}
