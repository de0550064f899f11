from setuptools import setup

setup(name="reports", version="0.3.0", packages=["reports"], extras_require={"server": []})
