# The app in one container: one Streamlit process, which keeps every session's state in its memory.
#   docker build -t gradient-descent .
#   docker run --rm -p 8501:8501 gradient-descent
# Several replicas need a proxy with sticky sessions in front: docs/deploy.md. (Not built by the tests:
# the machines that run them have no container engine.)
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# torch's CPU build: the default Linux wheel brings CUDA libraries (gigabytes) the app never uses.
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu

WORKDIR /app
COPY requirements.txt .
RUN pip install --extra-index-url "$TORCH_INDEX_URL" -r requirements.txt

COPY . .
# plotly.js served from static/ (ui/assets.py would copy it on first run; the app's files are read-only).
RUN mkdir -p static \
    && cp "$(python -c 'import os, plotly; print(os.path.dirname(plotly.__file__))')/package_data/plotly.min.js" static/ \
    && useradd --create-home --uid 10001 app

USER app
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://localhost:8501/_stcore/health', timeout=4).status != 200)"]
CMD ["streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501"]
