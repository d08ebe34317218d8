"""Convexity page: convex sets, the three tests of convexity, local minima and basins of attraction."""

STRINGS = {
    "convexity.intro": (
        "Sections 3.6 and 3.7. A convex function has one global minimum and no other local minima, so gradient "
        "descent cannot get stuck. Test convexity three ways (chord, second derivative, tangent), then watch "
        "descent on a non-convex function end in different minima.",
        "第 3.6 和 3.7 节。凸函数只有一个全局最小值、没有其他局部极小值，所以梯度下降不会被困住。"
        "用三种方法（弦、二阶导数、切线）检验凸性，然后观察非凸函数上的梯度下降如何落入不同的极小值。",
    ),
    "convexity.typed": ("typed formula…", "自行输入公式…"),
    "convexity.curve": ("Curve g(x) (tabs 2-5)", "曲线 g(x)（第 2-5 个标签页）"),
    "convexity.g": ("g(x) =", "g(x) ="),
    "convexity.surface": ("Surface f(x, y) (tabs 3-6)", "曲面 f(x, y)（第 3-6 个标签页）"),
    "convexity.f": ("f(x, y) =", "f(x, y) ="),
    "convexity.need_curve": ("Fix the formula of g(x) in the sidebar.", "请在侧栏中修正 g(x) 的公式。"),
    "convexity.need_surface": (
        "Fix the formula of f(x, y) in the sidebar.",
        "请在侧栏中修正 f(x, y) 的公式。",
    ),
    "convexity.need_function": ("Fix the formula in the sidebar.", "请在侧栏中修正公式。"),
    # tabs
    "convexity.tab.sets": ("Convex sets", "凸集"),
    "convexity.tab.chord": ("Chord test", "弦检验"),
    "convexity.tab.curvature": ("Second-derivative test", "二阶导数检验"),
    "convexity.tab.tangent": ("Tangent test", "切线检验"),
    "convexity.tab.verdict": ("Verdict", "结论"),
    "convexity.tab.minima": ("Local minima & basins", "局部极小值与吸引域"),
    # convex sets
    "convexity.sets_caption": (
        "A set is convex when the segment between any two of its points stays inside it (figure 3.15). "
        "Move P and Q: the segment is solid green inside the set and dotted red where it leaves.",
        "如果集合中任意两点之间的线段都完全位于集合内，该集合就是凸集（图 3.15）。"
        "移动 P 和 Q：线段在集合内为绿色实线，离开集合的部分为红色点线。",
    ),
    "convexity.region": ("Set", "集合"),
    "convexity.region.disc": ("disc", "圆盘"),
    "convexity.region.square": ("square", "正方形"),
    "convexity.region.crescent": ("crescent", "月牙形"),
    "convexity.region.star": ("star", "星形"),
    "convexity.region.typed": ("typed inequality…", "自行输入不等式…"),
    "convexity.lhs": ("The set where this is ≤ 0:", "使下式 ≤ 0 的点集："),
    "convexity.px": ("P: x", "P：x"),
    "convexity.py": ("P: y", "P：y"),
    "convexity.qx": ("Q: x", "Q：x"),
    "convexity.qy": ("Q: y", "Q：y"),
    "convexity.segment_inside": (
        "The whole segment PQ lies in the set.",
        "线段 PQ 完全位于集合内。",
    ),
    "convexity.segment_leaves": (
        "The segment PQ leaves the set ({percent}% of it is outside): the set is not convex.",
        "线段 PQ 离开了集合（{percent}% 在集合外）：该集合不是凸集。",
    ),
    "convexity.ends_outside": (
        "Put both P and Q inside the set ({percent}% of the segment is outside now).",
        "请把 P 和 Q 都放在集合内（目前线段有 {percent}% 在集合外）。",
    ),
    # chord test
    "convexity.chord_caption": (
        "Definition 1: g is convex when, for any A and B on the curve and any weight α in [0, 1], the point "
        "C = αA + (1 − α)B on the chord lies on or above the point D of the curve with the same x (figure 3.16).",
        "定义 1：若对曲线上任意两点 A、B 和任意权重 α ∈ [0, 1]，弦上的点 C = αA + (1 − α)B 都位于曲线上"
        "同一 x 处的点 D 之上（或与之重合），则 g 是凸函数（图 3.16）。",
    ),
    "convexity.book_square": (
        "Book: x², A = (−3, 9), B = (5, 25), α = 0.3",
        "书中例子：x²，A = (−3, 9)，B = (5, 25)，α = 0.3",
    ),
    "convexity.book_cube": (
        "Book: x³, A = (−8, −512), B = (5, 125), α = 0.3",
        "书中例子：x³，A = (−8, −512)，B = (5, 125)，α = 0.3",
    ),
    "convexity.a": ("x of A", "A 的 x 坐标"),
    "convexity.b": ("x of B", "B 的 x 坐标"),
    "convexity.alpha": ("weight α of A (B gets 1 − α)", "A 的权重 α（B 的权重为 1 − α）"),
    "convexity.side.above": (
        "C = ({cx}, {cy}) on the chord lies **above** D = ({cx}, {dy}) on the curve (weights {weights}).",
        "弦上的 C = ({cx}, {cy}) 位于曲线上 D = ({cx}, {dy}) 的**上方**（权重 {weights}）。",
    ),
    "convexity.side.below": (
        "C = ({cx}, {cy}) on the chord lies **below** D = ({cx}, {dy}) on the curve (weights {weights}): "
        "g is not convex.",
        "弦上的 C = ({cx}, {cy}) 位于曲线上 D = ({cx}, {dy}) 的**下方**（权重 {weights}）：g 不是凸函数。",
    ),
    "convexity.side.on": (
        "C = ({cx}, {cy}) on the chord coincides with D = ({cx}, {dy}) on the curve (weights {weights}).",
        "弦上的 C = ({cx}, {cy}) 与曲线上的 D = ({cx}, {dy}) 重合（权重 {weights}）。",
    ),
    "convexity.side.undefined": (
        "g is not defined at x = {cx} (weights {weights}): pick points inside its domain.",
        "g 在 x = {cx} 处没有定义（权重 {weights}）：请在定义域内选点。",
    ),
    "convexity.side.overflow": (
        "g is a polynomial, defined everywhere, but near x = {cx} (weights {weights}) its values pass the "
        "largest floating-point number (about 1.8e308) and cannot be compared: pick points nearer 0.",
        "g 是多项式，处处有定义，但在 x = {cx} 附近（权重 {weights}）其值超过最大浮点数（约 1.8e308），"
        "无法比较：请选择更靠近 0 的点。",
    ),
    "convexity.jensen_title": ("Several points (Jensen's inequality)", "多个点（Jensen 不等式）"),
    "convexity.xs": ("x of the points, comma-separated", "各点的 x 坐标，用逗号分隔"),
    "convexity.ws": ("their weights (scaled to sum 1)", "各点的权重（按和为 1 缩放）"),
    "convexity.jensen_bad": (
        "Type as many weights as points (at most 12), numbers separated by commas, weights ≥ 0 and not all 0.",
        "请输入与点数相同个数的权重（最多 12 个），数字用逗号分隔，权重 ≥ 0 且不全为 0。",
    ),
    # second derivative
    "convexity.curvature_caption": (
        "Definition 2: g is convex when g''(x) ≥ 0 everywhere; f is convex when its Hessian is positive "
        "semi-definite (all eigenvalues ≥ 0). Concave: ≤ 0 everywhere. Neither: both signs occur.",
        "定义 2：若处处 g''(x) ≥ 0，则 g 是凸函数；若海森矩阵半正定（所有特征值 ≥ 0），则 f 是凸函数。"
        "凹函数：处处 ≤ 0。两种符号都出现时，既非凸也非凹。",
    ),
    "convexity.hessian_caption": (
        "The plane coloured by the signs of the eigenvalues of the Hessian of f = {name}: locally convex "
        "(both ≥ 0), locally concave (both ≤ 0) or saddle (one of each).",
        "按 f = {name} 的海森矩阵特征值的符号给平面着色：局部凸（都 ≥ 0）、局部凹（都 ≤ 0）或鞍形（一正一负）。",
    ),
    "convexity.hessian_note.rosenbrock": (
        "Rosenbrock is locally convex exactly where y ≤ x² + 1/200 (where the Hessian's determinant "
        "400 − 80000(y − x²) is ≥ 0).",
        "Rosenbrock 函数恰好在 y ≤ x² + 1/200 处局部为凸（此处海森矩阵的行列式 400 − 80000(y − x²) ≥ 0）。",
    ),
    "convexity.hessian_note.himmelblau": (
        "Himmelblau is locally convex around each of its four minima, locally concave around its maximum "
        "near (−0.27, −0.92) and saddle-shaped around its four saddle points: not convex.",
        "Himmelblau 函数在四个极小值附近局部为凸，在 (−0.27, −0.92) 附近的极大值处局部为凹，"
        "在四个鞍点附近为鞍形：整体不是凸函数。",
    ),
    "convexity.class.convex": ("convex (eigenvalues ≥ 0)", "凸（特征值 ≥ 0）"),
    "convexity.class.concave": ("concave (eigenvalues ≤ 0)", "凹（特征值 ≤ 0）"),
    "convexity.class.saddle": ("saddle (signs differ)", "鞍形（符号不同）"),
    "convexity.class.flat": ("flat (all 0)", "平坦（全为 0）"),
    "convexity.class.undefined": ("undefined", "无定义"),
    # the same classes named inside their regions of the map
    "convexity.class_short.convex": ("convex", "凸"),
    "convexity.class_short.concave": ("concave", "凹"),
    "convexity.class_short.saddle": ("saddle", "鞍形"),
    "convexity.class_short.flat": ("flat", "平坦"),
    "convexity.class_short.undefined": ("undefined", "无定义"),
    # tangent
    "convexity.tangent_caption": (
        "Definition 3: g is convex when the curve lies on or above every tangent line (figure 3.17); f is "
        "convex when the surface lies on or above every tangent plane. Red marks where it dips below.",
        "定义 3：若曲线位于每一条切线之上（或与之接触），则 g 是凸函数（图 3.17）；若曲面位于每一个切平面之上，"
        "则 f 是凸函数。红色标出低于切线（切平面）的部分。",
    ),
    "convexity.x0": ("tangent point x₀", "切点 x₀"),
    "convexity.tx": ("tangent point: x", "切点：x"),
    "convexity.ty": ("tangent point: y", "切点：y"),
    "convexity.dips": (
        "The curve dips **below** its tangent at x₀ = {x0} (red): not convex.",
        "曲线在 x₀ = {x0} 处的切线**下方**有一部分（红色）：不是凸函数。",
    ),
    "convexity.stays_above": (
        "The whole curve lies on or above its tangent at x₀ = {x0}.",
        "整条曲线都位于 x₀ = {x0} 处切线之上（或与之接触）。",
    ),
    # verdict
    "convexity.verdict_caption": (
        "The three definitions checked numerically over the plotted window (many chords, tangents and "
        "Hessians, and kinks where the slope jumps); a test that finds neither convex nor concave shows a "
        "counterexample to each.",
        "在绘图窗口内数值检验三个定义（大量的弦、切线和海森矩阵，以及斜率突变的折点）；"
        "判定为既非凸也非凹的检验会分别给出凸性和凹性的反例。",
    ),
    "convexity.overall": ("**{name}**: {verdict}", "**{name}**：{verdict}"),
    "convexity.verdict.convex": ("convex", "凸函数"),
    "convexity.verdict.concave": ("concave", "凹函数"),
    "convexity.verdict.linear": ("linear (both convex and concave)", "线性（既凸又凹）"),
    "convexity.verdict.neither": ("neither convex nor concave", "既非凸也非凹"),
    "convexity.test.chord": ("chord (definition 1)", "弦（定义 1）"),
    "convexity.test.curvature": (
        "second derivative / Hessian (definition 2)",
        "二阶导数 / 海森矩阵（定义 2）",
    ),
    "convexity.test.tangent": ("tangent (definition 3)", "切线（定义 3）"),
    "convexity.col.test": ("test", "检验"),
    "convexity.col.verdict": ("verdict", "结论"),
    "convexity.col.witness": ("counterexample", "反例"),
    "convexity.witness.chord": (
        "P = {p}, Q = {q}, α = {alpha}: chord minus graph = {gap}",
        "P = {p}，Q = {q}，α = {alpha}：弦减函数值 = {gap}",
    ),
    "convexity.witness.curvature": (
        "at {point} an eigenvalue is {eigenvalue}",
        "在 {point} 处有特征值 {eigenvalue}",
    ),
    "convexity.witness.curvature_kink": (
        "near {point} the slope jumps by {jump} (a kink: curvature concentrated at one point)",
        "在 {point} 附近斜率突变 {jump}（折点：曲率集中在一点）",
    ),
    "convexity.not_convex": ("not convex: {text}", "非凸：{text}"),
    "convexity.not_concave": ("not concave: {text}", "非凹：{text}"),
    "convexity.witness.tangent": (
        "tangent at {at}, point {point}: graph minus tangent = {gap}",
        "{at} 处的切线，点 {point}：函数值减切线 = {gap}",
    ),
    # local minima and basins
    "convexity.minima_caption": (
        "Critical points (gradient = 0), found by sympy and completed by Newton's method from a grid of "
        "starts, each classified by its Hessian (figure 3.14: a non-convex function has several minima).",
        "临界点（梯度 = 0）：由 sympy 求解，再用牛顿法从网格起点补全，并按海森矩阵分类"
        "（图 3.14：非凸函数有多个极小值）。",
    ),
    "convexity.exact_unavailable": (
        "The exact solution (sympy) was not available this time, so these points come from Newton's method "
        "alone and may miss some: {reason}",
        "这次未能得到精确解（sympy），以下各点仅由牛顿法求得，可能有遗漏：{reason}",
    ),
    "convexity.col.point": ("point (x, y)", "点 (x, y)"),
    "convexity.col.value": ("f", "f"),
    "convexity.col.kind": ("kind", "类型"),
    "convexity.col.eig": ("Hessian eigenvalues", "海森矩阵特征值"),
    "convexity.col.source": ("found by", "求得方式"),
    "convexity.kind.minimum": ("minimum", "极小值"),
    "convexity.kind.maximum": ("maximum", "极大值"),
    "convexity.kind.saddle": ("saddle", "鞍点"),
    "convexity.kind.degenerate": ("degenerate (test undecided)", "退化（检验无法判断）"),
    "convexity.basins_title": ("Basins of attraction", "吸引域"),
    "convexity.optimizer": ("optimizer", "优化器"),
    "convexity.lr": ("learning rate μ", "学习率 μ"),
    "convexity.steps": ("steps", "步数"),
    "convexity.res": ("grid of starts", "起点网格"),
    "convexity.basins_summary": (
        "Share of starts reaching each minimum: {shares}. Not converged within the steps: {slow}; stopped "
        "away from every minimum (a saddle, or a minimum outside the window): {elsewhere}; diverged: {diverged}; "
        "left f's domain: {left_domain}.",
        "到达各极小值的起点比例：{shares}。在步数内未收敛：{slow}；停在所有极小值之外（鞍点或窗口外的极小值）："
        "{elsewhere}；发散：{diverged}；离开 f 的定义域：{left_domain}。",
    ),
    "convexity.restart": ("Restart from random points", "从随机点重新开始"),
    "convexity.outcome.left_domain": (
        "left f's domain (f has no value there)",
        "离开 f 的定义域（f 在那里无定义）",
    ),
    "convexity.outcome.diverged": ("diverged", "发散"),
    "convexity.outcome.slow": ("not converged within the steps", "步数内未收敛"),
    "convexity.outcome.elsewhere": ("stopped away from the minima", "停在极小值之外"),
    "convexity.minimum_n": ("minimum {n}", "极小值 {n}"),
    # the basins map's regions named inside them: where the starts there end
    "convexity.basin_n": ("→ minimum {n}", "→ 极小值 {n}"),
    "convexity.outcome_short.left_domain": ("left the domain", "离开定义域"),
    "convexity.outcome_short.diverged": ("diverged", "发散"),
    "convexity.outcome_short.slow": ("not converged", "未收敛"),
    "convexity.outcome_short.elsewhere": ("stopped elsewhere", "停在别处"),
    # figures
    "convexity.fig.sets_title": ("Is the segment PQ inside the set?", "线段 PQ 在集合内吗？"),
    "convexity.fig.inside": ("inside", "集合内"),
    "convexity.fig.outside": ("outside", "集合外"),
    "convexity.fig.chord": ("chord", "弦"),
    "convexity.fig.chord_title": ("Chord test (definition 1)", "弦检验（定义 1）"),
    "convexity.fig.positive": ("g'' ≥ 0", "g'' ≥ 0"),
    "convexity.fig.negative": ("g'' < 0", "g'' < 0"),
    "convexity.fig.hessian_title": ("Signs of the Hessian's eigenvalues", "海森矩阵特征值的符号"),
    "convexity.fig.tangent": ("tangent", "切线"),
    "convexity.fig.below": ("below the tangent", "低于切线"),
    "convexity.fig.tangent_title": ("Tangent test (definition 3)", "切线检验（定义 3）"),
    "convexity.fig.tangent_point": ("tangent point", "切点"),
    "convexity.fig.plane_title": (
        "Red: the surface lies below its tangent plane",
        "红色：曲面低于其切平面",
    ),
    "convexity.fig.slice_title": ("The counterexample along PQ", "沿 PQ 的反例"),
    "convexity.fig.along": ("position s on PQ (P at 0, Q at 1)", "PQ 上的位置 s（P 为 0，Q 为 1）"),
    "convexity.fig.critical_title": ("Critical points on the contours", "等高线上的临界点"),
    "convexity.fig.basins_title": (
        "Which minimum gradient descent reaches from each start",
        "从各起点出发的梯度下降到达哪个极小值",
    ),
    "convexity.fig.paths": ("descent from random starts", "从随机起点的下降路径"),
}
