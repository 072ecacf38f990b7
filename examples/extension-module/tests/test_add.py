import ext_module_demo


def test_add_from_python():
    assert ext_module_demo.add_from_python(2, 3) == 5
