# dist/ is made by the CI job before the image build
FROM debian:bookworm
COPY README.md /opt/app/
COPY dist/app.bin /opt/app/
