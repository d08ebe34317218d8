"""Messages about typed formulas (parser and symbolic engine)."""

STRINGS = {
    "expr.too_long": (
        "The formula is {length} characters long; the limit is {limit}.",
        "公式长度为 {length} 个字符，上限为 {limit}。",
    ),
    "expr.bad_char": (
        "Unexpected character '{char}' at column {column}: use plain letters, digits and + - * / ^ ( ).",
        "第 {column} 列出现意外字符“{char}”：请只使用普通字母、数字和 + - * / ^ ( )。",
    ),
    "expr.bad_symbol": (
        "Unexpected symbol '{symbol}' at column {column}: use digits, variables, functions and + - * / ^ ( ).",
        "第 {column} 列出现意外符号“{symbol}”：请只使用数字、变量、函数和 + - * / ^ ( )。",
    ),
    "expr.long_number": (
        "The number at column {column} has more than {limit} digits.",
        "第 {column} 列的数字超过 {limit} 位。",
    ),
    "expr.too_many_tokens": (
        "The formula has more than {limit} parts; please shorten it.",
        "公式的组成部分超过 {limit} 个，请简化。",
    ),
    "expr.empty": ("Type a formula, for example x^2 + 3y^2.", "请输入公式，例如 x^2 + 3y^2。"),
    "expr.unknown_name": (
        "Unknown name '{name}' at column {column}; allowed: {allowed}, pi, e and the variables x, y, z or w0, w1, w2.",
        "第 {column} 列的名称“{name}”未知；允许使用：{allowed}、pi、e 以及变量 x, y, z 或 w0, w1, w2。",
    ),
    "expr.unexpected": (
        "Unexpected '{symbol}' at column {column}.",
        "第 {column} 列出现意外的“{symbol}”。",
    ),
    "expr.adjacent_numbers": (
        "Two numbers side by side at column {column} ('{first}' then '{second}'): put an operator such as * "
        "or + between them.",
        "第 {column} 列有两个数字相邻（“{first}”和“{second}”）：请在它们之间加上运算符，例如 * 或 +。",
    ),
    "expr.too_deep": (
        "The formula is nested too deeply near column {column} (limit {limit} levels).",
        "第 {column} 列附近嵌套过深（上限 {limit} 层）。",
    ),
    "expr.func_needs_paren": (
        "Write {name}(...) with parentheses at column {column}.",
        "第 {column} 列：请写成带括号的 {name}(...)。",
    ),
    "expr.incomplete": (
        "The formula ends too early at column {column}: something is missing after the last operator.",
        "公式在第 {column} 列提前结束：最后一个运算符之后缺少内容。",
    ),
    "expr.unclosed": (
        "The parenthesis opened at column {column} is never closed.",
        "第 {column} 列的括号没有闭合。",
    ),
    "expr.mixed_families": (
        "Use one family of variables: '{first}' and '{second}' (column {column}) do not mix; "
        "write x, y, z or w0, w1, w2.",
        "请只使用一组变量：“{first}”和“{second}”（第 {column} 列）不能混用；请写 x, y, z 或 w0, w1, w2。",
    ),
    "expr.wrong_vars": (
        "'{name}' at column {column} does not fit: this view takes functions of {count} variable(s): {names}.",
        "第 {column} 列的“{name}”不适用：此视图需要 {count} 个变量的函数：{names}。",
    ),
    "expr.exponent_too_large": (
        "The exponent at column {column} is too large (at most {limit} in size).",
        "第 {column} 列的指数过大（绝对值至多 {limit}）。",
    ),
    "expr.number_too_large": (
        "The number computed at column {column} is too large.",
        "第 {column} 列计算出的数字过大。",
    ),
    "expr.constant_too_large": (
        "A number in this formula or in its derivatives is larger than 10^{limit}, too large to plot.",
        "该公式或其导数中有大于 10^{limit} 的数，太大而无法绘制。",
    ),
    "expr.number_range": (
        "The number at column {column} is out of range: write powers of ten from e-{limit} to e{limit}.",
        "第 {column} 列的数字超出范围：十的幂次请写在 e-{limit} 到 e{limit} 之间。",
    ),
    "expr.too_big": (
        "The formula is too large to analyse (more than {limit} operations).",
        "公式过大，无法分析（超过 {limit} 个运算）。",
    ),
    "expr.complex": (
        "The formula has complex values (for example the square root of a negative number); "
        "use a real-valued function.",
        "该公式含有复数值（例如负数的平方根）；请使用实值函数。",
    ),
    "expr.undefined": (
        "The formula is undefined everywhere (for example a division by zero).",
        "该公式处处无定义（例如除以零）。",
    ),
    "expr.stalled": (
        "The server is overloaded and could not analyse this formula within {seconds} s; please try again.",
        "服务器负载过高，未能在 {seconds} 秒内分析该公式，请稍后再试。",
    ),
    "expr.timeout": (
        "Analysing this formula took too long ({seconds} s) and was stopped; try a simpler one.",
        "分析该公式耗时过长（{seconds} 秒）已被停止；请尝试更简单的公式。",
    ),
    "expr.killed": (
        "The analysis of this formula was stopped from outside after {seconds} s (the server may be short of "
        "memory); please try again.",
        "该公式的分析在 {seconds} 秒后被外部终止（服务器可能内存不足），请重试。",
    ),
    "expr.crashed": (
        "Analysing this formula needed too much memory and was stopped; try a simpler one.",
        "分析该公式需要过多内存已被停止；请尝试更简单的公式。",
    ),
    "expr.busy": (
        "The server is busy analysing other formulas; please try again in a moment.",
        "服务器正忙于分析其他公式，请稍后再试。",
    ),
}
