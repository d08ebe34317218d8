"""Text shared by every view: link notices, the lesson, the formula box."""

STRINGS = {
    "page.ignored": (
        "Some values in the link were not understood and were replaced by defaults: {keys}.",
        "链接中的部分取值无法识别，已改用默认值：{keys}。",
    ),
    "page.capped": (
        "The link asked for more than this view shows at once (repeated or too many values, or too much "
        "work in total); it was cut down: {keys}.",
        "链接请求的内容超出了本视图一次能显示的范围（取值重复或过多，或总计算量过大），已缩减：{keys}。",
    ),
    "page.kept": (
        "This view cannot use the lesson's {keys}; it keeps its own, and the other views keep yours.",
        "本视图无法使用课程中的 {keys}，因此保留自己的设置；其他视图仍使用你的设置。",
    ),
    "formula.function": ("Function", "函数"),
    "formula.typed": ("typed formula…", "自行输入公式…"),
    "formula.text": ("Formula in {variables}", "关于 {variables} 的公式"),
    "formula.variables.1": ("x", "x"),
    "formula.variables.2": ("x, y (or w0, w1)", "x, y（或 w0, w1）"),
    "formula.variables.3": ("x, y, z (or w0, w1, w2)", "x, y, z（或 w0, w1, w2）"),
    "formula.help": (
        "For example (1 - x)^2 + 100(y - x^2)^2 or sin(x) * cos(y). Use ^ for powers and + - * /; "
        "functions such as sqrt, exp, log, sin, cos take parentheses.",
        "例如 (1 - x)^2 + 100(y - x^2)^2 或 sin(x) * cos(y)。乘方用 ^，并可用 + - * /；"
        "sqrt、exp、log、sin、cos 等函数需加括号。",
    ),
    "formula.bad": (
        "{message} Still showing the last good function, {text}.",
        "{message} 仍显示上一个有效的函数：{text}。",
    ),
}
