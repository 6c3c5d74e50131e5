"""Colours, fonts and type sizes, the same on every chart and every export. Tiers, countries
and years keep one colour everywhere (Okabe–Ito, colour-blind safe); answers use a
categorical palette that avoids the tier colours."""

from dataclasses import dataclass

TIER_COLORS = {"Starter": "#E69F00", "Emerging": "#56B4E9", "Champion": "#009E73", "All": "#7F7F7F"}
COUNTRY_COLORS = {
    "Australia": "#0072B2",
    "Japan": "#D55E00",
    "Singapore": "#CC79A7",
    "South Korea": "#332288",
    "APAC": "#000000",
    "Other regions": "#AAAAAA",
    "Hong Kong": "#882255",
    "Taiwan": "#44AA99",
    "Global": "#555555",
    "Not stated": "#999999",
}
# Channels keep one colour on every chart (a channel is coloured, or its row's bars are, in
# satisfaction, resolution, usage and their side-by-side view). (colour, label colour)
CHANNEL_COLORS = {
    "phone": ("#0072B2", "white"),
    "store_branch": ("#D55E00", "white"),
    "dedicated_staff": ("#CC79A7", "#222222"),
    "email": ("#332288", "white"),
    "live_chat": ("#99DDFF", "#222222"),  # not #44AA99: 4.3 from dedicated staff for a deuteranope
    "messaging_app": ("#999933", "#222222"),
    "social_media": ("#882255", "white"),
    "website_app": ("#117733", "white"),
    "self_service": ("#DDCC77", "#222222"),
    "chatbot": ("#AA4499", "white"),
    "video": ("#88CCEE", "#222222"),
    "sms": ("#661100", "white"),
    "email_or_phone": ("#6699CC", "#222222"),
    "chat_video_chatbot": ("#888888", "#222222"),
}
ANSWER_SHADES = [1.0, 0.45, 0.2, 0.1]  # answers of a channel's bar: its colour, then lighter
YEAR_COLORS = {2020: "#A6A6A6", 2021: "#0072B2", 2018: "#882255", 2001: "#44AA99"}
# Waves after these take the next colour in turn (the same year has the same colour everywhere).
LATER_YEAR_COLORS = ["#CC6677", "#117733", "#DDCC77", "#AA4499", "#332288"]


def year_color(year: int) -> str:
    if year in YEAR_COLORS:
        return YEAR_COLORS[year]
    return LATER_YEAR_COLORS[(year - 2022) % len(LATER_YEAR_COLORS)]


GROUP_COLORS = ["#0072B2", "#D55E00", "#CC79A7", "#332288", "#44AA99", "#999933"]
# Answers: a categorical palette (Paul Tol's muted) that avoids the tier colours and implies
# no "darker is better", since answer scales run in either direction. (colour, label colour)
ANSWER_COLORS = [
    ("#332288", "white"),
    ("#88CCEE", "#222222"),
    ("#CC6677", "white"),
    ("#DDCC77", "#222222"),
    ("#117733", "white"),
    ("#AA4499", "white"),
    ("#44AA99", "#222222"),
    ("#999933", "#222222"),
    ("#882255", "white"),
]
# Captions and hints on the page (Streamlit's default grey #828180 is 3.9:1 on white, under
# WCAG AA's 4.5:1): 6.6:1 on white, 5.9:1 on the sidebar's grey.
MUTED_TEXT = "#5E5D5C"
ROW_PX = 30  # per bar: every row keeps its label (web pages)
FONT = "Noto Sans CJK TC, Noto Sans TC, PingFang TC, Microsoft JhengHei, sans-serif"


@dataclass(frozen=True)
class Type:
    """Type sizes and row steps of a chart, in CSS px: one set for a web page, one for a
    presentation screen (large type, read from across a room)."""

    label: int = 12  # axis, legend and value labels
    number: int = 40  # the big numbers of a side-by-side statistics chart
    row: int = ROW_PX  # per bar
    label_limit: int = 360  # row labels longer than this are cut (tooltip keeps them)
    char_em: float = 0.62  # width of a value label's character (digits, %, *), in em


WEB = Type()
PRESENT = Type(label=20, number=64, row=40, label_limit=640)
