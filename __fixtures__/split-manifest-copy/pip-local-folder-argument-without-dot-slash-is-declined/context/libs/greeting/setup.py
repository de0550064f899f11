from setuptools import setup

setup(name="greeting", version="0.1.0", packages=["greeting"])
