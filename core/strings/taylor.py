"""Catalogue entries of the Taylor view (section 3.4)."""

STRINGS = {
    "taylor.intro": (
        "Near a point, a smooth function is almost a polynomial: its Taylor series (equations 3.7-3.10). "
        "Change the order, move the expansion point, and watch where the approximation stays good.",
        "在一点附近，光滑函数几乎就是一个多项式：它的泰勒级数（公式 3.7-3.10）。"
        "改变阶数、移动展开点，观察近似在哪里仍然准确。",
    ),
    "taylor.tab.one": ("One variable", "一元函数"),
    "taylor.tab.two": ("Two variables", "二元函数"),
    "taylor.function": ("Function f", "函数 f"),
    "taylor.typed": ("Your formula", "自定义公式"),
    "taylor.typed.help": (
        "Use x (one variable) or x, y (two variables), e.g. sin(x)^2 or x^2 + 3y^2.",
        "使用 x（一元）或 x, y（二元），例如 sin(x)^2 或 x^2 + 3y^2。",
    ),
    "taylor.preset.typed": ("Type a formula…", "输入公式…"),
    "taylor.preset1.exp": ("exponential", "指数函数"),
    "taylor.preset1.sin": ("sine", "正弦"),
    "taylor.preset1.cos": ("cosine", "余弦"),
    "taylor.preset1.log1p": ("logarithm", "对数"),
    "taylor.preset1.geometric": ("geometric series", "几何级数"),
    "taylor.preset1.cubic": ("cubic", "三次函数"),
    "taylor.preset2.bowl": ("the chapter's bowl", "本章的碗形损失函数"),
    "taylor.preset2.cone": ("cone", "圆锥"),
    "taylor.preset2.rosenbrock": ("Rosenbrock", "Rosenbrock 函数"),
    "taylor.preset2.himmelblau": ("Himmelblau", "Himmelblau 函数"),
    "taylor.preset2.beale": ("Beale", "Beale 函数"),
    "taylor.preset2.booth": ("Booth", "Booth 函数"),
    "taylor.preset2.matyas": ("Matyas", "Matyas 函数"),
    "taylor.preset2.camel": ("six-hump camel", "六峰驼背函数"),
    "taylor.preset2.saddle": ("saddle", "鞍面"),
    "taylor.preset2.monkey_saddle": ("monkey saddle", "猴鞍面"),
    "taylor.preset2.rastrigin": ("Rastrigin", "Rastrigin 函数"),
    "taylor.n": ("Order n", "阶数 n"),
    "taylor.a": ("Expansion point a", "展开点 a"),
    "taylor.a.help": (
        "The polynomial matches f and its first n derivatives at a.",
        "多项式在 a 处与 f 及其前 n 阶导数相等。",
    ),
    "taylor.tol": ("Tolerance", "容差"),
    "taylor.tol.interval": (
        "The error stays under {tol} for x in **[{lo}, {hi}]** (shaded green).",
        "当 x 在 **[{lo}, {hi}]** 内时，误差小于 {tol}（绿色区域）。",
    ),
    "taylor.tol.edge": (
        "The error stays under {tol} for x in **[{lo}, {hi}]** (shaded green), up to the edge of the plot.",
        "当 x 在 **[{lo}, {hi}]** 内时，误差小于 {tol}（绿色区域），一直到图的边缘。",
    ),
    "taylor.tol.none": (
        "The error is under {tol} only very close to a (closer than the plot's resolution).",
        "误差仅在非常靠近 a 处（比图的分辨率更近）才小于 {tol}。",
    ),
    "taylor.radius.finite": (
        "Radius of convergence R = **{r}**: the series converges for x in ({lo}, {hi}) (dashed lines) and "
        "diverges outside, however large n is.",
        "收敛半径 R = **{r}**：级数在 ({lo}, {hi})（虚线）内收敛，在外面发散，无论 n 多大。",
    ),
    "taylor.radius.infinite": (
        "Radius of convergence: infinite. For every x the error goes to 0 as n grows.",
        "收敛半径为无穷大：对每个 x，随着 n 增大误差趋于 0。",
    ),
    "taylor.radius.unknown": (
        "The radius of convergence is shown for the named functions only.",
        "只对预设函数显示收敛半径。",
    ),
    "taylor.x0": ("x₀", "x₀"),
    "taylor.y0": ("y₀", "y₀"),
    "taylor.lr": ("Learning rate μ", "学习率 μ"),
    "taylor.angle": ("Direction of δ (°)", "δ 的方向（°）"),
    "taylor.angle.help": (
        "The displacements δ of the error plot point this way, measured from the x axis.",
        "误差图中的位移 δ 沿此方向，从 x 轴量起。",
    ),
    "taylor.not_smooth2": (
        "f is not defined or not smooth at ({x0}, {y0}); pick another point.",
        "f 在 ({x0}, {y0}) 处无定义或不光滑，请换一个点。",
    ),
    "taylor.not_smooth": (
        "f has no finite derivative of order {k} at a = {a}: no Taylor polynomial there. Move a.",
        "f 在 a = {a} 处没有有限的 {k} 阶导数：那里没有泰勒多项式。请移动 a。",
    ),
    "taylor.symmetric": (
        "The Hessian is symmetric: H = Hᵀ (the mixed partial derivatives are equal, checked exactly).",
        "海森矩阵是对称的：H = Hᵀ（混合偏导数相等，已精确验证）。",
    ),
    "taylor.not_symmetric": (
        "The exact check could not confirm H = Hᵀ for this formula.",
        "对该公式的精确检验未能确认 H = Hᵀ。",
    ),
    "taylor.change.title": (
        "First-order estimate against the exact change",
        "一阶估计与精确变化量的比较",
    ),
    "taylor.change.estimate": ("estimate ∇f·δ", "估计 ∇f·δ"),
    "taylor.change.exact": ("exact f(p+δ) − f(p)", "精确 f(p+δ) − f(p)"),
    "taylor.change.diff": ("difference", "差"),
    "taylor.change.book": ("the book prints", "书中数值"),
    "taylor.change.chapter": (
        "The chapter's check: L = 2w0² + 3w1² at (3, 4), where L = 66 and ∇L = [12, 24]. Exact rational "
        "arithmetic; the difference is the second-order term ½ δᵀHδ. The book rounds 0.01200059 to 0.0120006.",
        "本章的验证：L = 2w0² + 3w1² 在 (3, 4) 处，L = 66，∇L = [12, 24]。使用精确有理数运算；"
        "差值就是二阶项 ½ δᵀHδ。书中把 0.01200059 四舍五入为 0.0120006。",
    ),
    "taylor.change.help": (
        "Exact arithmetic where f is rational at these points, otherwise 12 significant digits. "
        "The difference is of order ||δ||².",
        "当 f 在这些点的值为有理数时使用精确运算，否则保留 12 位有效数字。差值的量级为 ||δ||²。",
    ),
    "taylor.slope": ("{model}: fitted slope **{slope}**", "{model}：拟合斜率 **{slope}**"),
    "taylor.slope.exact": (
        "{model}: exact along this line (no error to fit)",
        "{model}：沿这条直线是精确的（没有误差可拟合）",
    ),
    "taylor.slope.help": (
        "The error of the first-order model shrinks like ||δ||² (slope 2), that of the second-order model like "
        "||δ||³ (slope 3). Computed with 50 significant digits, so rounding does not bend the lines.",
        "一阶模型的误差按 ||δ||² 减小（斜率 2），二阶模型按 ||δ||³ 减小（斜率 3）。"
        "以 50 位有效数字计算，舍入误差不会使直线弯曲。",
    ),
    "taylor.newton.title": ("Newton's step", "牛顿步"),
    "taylor.newton.gradient": (
        "One gradient step with learning rate μ = {lr} goes to ({x}, {y}), where f = {f}.",
        "学习率 μ = {lr} 的一次梯度步到达 ({x}, {y})，此处 f = {f}。",
    ),
    "taylor.newton.point": (
        "Newton's step jumps to the stationary point of the quadratic model, ({x}, {y}), where f = {f} "
        "(f(p) = {f0}).",
        "牛顿步跳到二次模型的驻点 ({x}, {y})，此处 f = {f}（f(p) = {f0}）。",
    ),
    "taylor.newton.pd": (
        "The Hessian is positive definite, so the model is a bowl and Newton's step goes to its minimum. "
        "On a quadratic f the model is f itself: one step lands on the minimum.",
        "海森矩阵正定，模型是一个碗，牛顿步走向它的最小值。若 f 本身是二次函数，模型就是 f：一步即到达最小值。",
    ),
    "taylor.newton.not_pd": (
        "The Hessian is not positive definite (eigenvalues {eig}): the model's stationary point is a {kind}, not "
        "a minimum. Along Newton's step the slope ∇f·d = {slope} and the model changes by {change}: "
        "a positive value means the step climbs instead of descending.",
        "海森矩阵不是正定的（特征值 {eig}）：模型的驻点是{kind}，而不是最小值。沿牛顿步的斜率 ∇f·d = {slope}，"
        "模型变化 {change}：为正表示这一步在上升而不是下降。",
    ),
    "taylor.newton.singular": (
        "The Hessian is singular here: the quadratic model has no single stationary point, so there is no "
        "Newton step.",
        "此处海森矩阵奇异：二次模型没有唯一的驻点，因此没有牛顿步。",
    ),
    "taylor.stationary.maximum": ("maximum", "最大值点"),
    "taylor.stationary.saddle": ("saddle", "鞍点"),
    "taylor.stationary.minimum": ("minimum", "最小值点"),
    "taylor.stationary.degenerate": ("degenerate point", "退化点"),
    "taylor.fig.point": ("expansion point", "展开点"),
    "taylor.fig.tol": ("tolerance", "容差"),
    "taylor.fig.tol_interval": ("error < tolerance", "误差 < 容差"),
    "taylor.fig.convergence": ("convergence interval", "收敛区间"),
    "taylor.fig.error": ("|f − Tₙ| (log)", "|f − Tₙ|（对数）"),
    "taylor.fig.first": ("first order (tangent plane)", "一阶（切平面）"),
    "taylor.fig.second": ("second order (Hessian quadric)", "二阶（海森二次曲面）"),
    "taylor.fig.f_near": ("f near the point", "点附近的 f"),
    "taylor.fig.gradient_step": ("gradient step", "梯度步"),
    "taylor.fig.newton": ("Newton's step", "牛顿步"),
    "taylor.fig.slope": ("slope {slope}", "斜率 {slope}"),
    "taylor.fig.exact": ("exact", "精确"),
    "taylor.fig.size": ("||δ|| (log)", "||δ||（对数）"),
    "taylor.fig.model_error": ("|f(p+δ) − model| (log)", "|f(p+δ) − 模型|（对数）"),
}
