FROM python:3.12
RUN pip install --no-cache-dir -r requirements.txt
RUN pip3 install --no-cache-dir flask && python -m pip install --no-cache-dir gunicorn
RUN python3.12 -m pip install --no-cache-dir --upgrade pip
RUN /venv/bin/pip install --no-cache-dir .
