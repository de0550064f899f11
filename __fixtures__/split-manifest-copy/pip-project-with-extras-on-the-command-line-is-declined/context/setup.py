from setuptools import setup

setup(name="billing", version="1.2.0", packages=["billing"], extras_require={"server": []})
