"""The baseline for bench/speed.py: a bare Streamlit page drawing one Altair chart."""

import altair as alt
import pandas as pd
import streamlit as st

df = pd.DataFrame({"tier": ["Starter", "Emerging", "Champion"], "hours": [2.4, 2.1, 1.7]})
st.altair_chart(alt.Chart(df).mark_bar().encode(x="hours:Q", y="tier:N"), width="stretch")
