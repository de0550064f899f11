FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends python3-pip && useradd -u 10001 app
RUN mkdir -p /opt/wheels && python3 -c "import zipfile; z=zipfile.ZipFile('/opt/wheels/hello-0.1-py3-none-any.whl','w'); z.writestr('hello/__init__.py','X=1\n'); z.writestr('hello-0.1.dist-info/METADATA','Metadata-Version: 2.1\nName: hello\nVersion: 0.1\n'); z.writestr('hello-0.1.dist-info/WHEEL','Wheel-Version: 1.0\nGenerator: x\nRoot-Is-Purelib: true\nTag: py3-none-any\n'); z.writestr('hello-0.1.dist-info/RECORD',''); z.close()"
ENV PIP_TARGET=/app/vendor PYTHONPATH=/app/vendor PIP_BREAK_SYSTEM_PACKAGES=1
RUN pip install --no-index /opt/wheels/hello-0.1-py3-none-any.whl
COPY --chown=app:app . /app
USER app
CMD ["python3", "/app/main.py"]
