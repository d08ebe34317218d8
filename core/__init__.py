"""The engine of the gradient-descent visualizer: pure Python, usable without Streamlit."""
