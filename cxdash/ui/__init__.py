"""The Streamlit shell: every `import streamlit` of the package lives here."""
