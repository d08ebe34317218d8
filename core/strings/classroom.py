"""The classroom kit shared by every view: the share panel and each chart's data table."""

STRINGS = {
    "share.button": ("Share", "分享"),
    "share.caption": (
        "Students open this link, or scan the code with a phone camera.",
        "学生打开此链接，或用手机相机扫描二维码。",
    ),
    "share.copy": ("Copy link", "复制链接"),
    "share.copied": ("Copied", "已复制"),
    "share.link": ("Link to this view", "此视图的链接"),
    "share.qr": ("QR code of the link {url}", "链接 {url} 的二维码"),
    "share.local": (
        "This server listens on this computer only, so phones in the room cannot open the link. "
        "Serve it to the room with `streamlit run serve.py --server.address 0.0.0.0`.",
        "此服务器只在本机上监听，教室里的手机无法打开此链接。"
        "请用 `streamlit run serve.py --server.address 0.0.0.0` 向教室网络提供服务。",
    ),
    "chart.table": ("Data table", "数据表"),
    "chart.table.points": ("The plotted points.", "图中绘制的点。"),
    "chart.table.grids": (
        "Colour fields (one value per grid point), summarised.",
        "颜色场（每个网格点一个值）的概要。",
    ),
    "chart.col.series": ("series", "序列"),
    "chart.col.grid": ("grid", "网格"),
    "a11y.formula": ("Formula (scrolls sideways)", "公式（可横向滚动）"),
    "widget.skip": ("Skip to main content", "跳到主要内容"),
    # the accessible name of a widget's help icon (Streamlit's own is English: ui/accessibility.js renames it)
    "widget.help_for": ("Help for {label}", "“{label}”的帮助"),
    "widget.help": ("Help", "帮助"),
    "widget.upload": ("Upload", "上传"),
    "widget.upload_limit": ("{mb}MB per file", "每个文件最大 {mb}MB"),
    "widget.upload_limit_csv": ("{mb}MB per file • CSV", "每个文件最大 {mb}MB • CSV"),
    "chart.table.cut": ("The first {n} rows.", "前 {n} 行。"),
}
