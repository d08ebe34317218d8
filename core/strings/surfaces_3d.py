"""The 3-D page: loss surface with descent paths, steepest direction (fig 3.5), level surfaces (figs 3.8, 3.9)."""

STRINGS = {
    "surfaces_3d.intro": (
        "The loss L(w0, w1) as a surface you can turn, the direction in which it falls fastest, and the "
        "level surfaces of a function of three variables with its gradient normal to them.",
        "把损失函数 L(w0, w1) 画成可以旋转的曲面，看它下降最快的方向，以及三元函数的等值面和垂直于它们的梯度。",
    ),
    "surfaces_3d.tab.loss": ("Loss surface", "损失曲面"),
    "surfaces_3d.tab.steepest": ("Steepest direction", "最速下降方向"),
    "surfaces_3d.tab.levels": ("Level surfaces", "等值面"),
    "surfaces_3d.function": ("Loss function L(w0, w1)", "损失函数 L(w0, w1)"),
    "surfaces_3d.function.help": (
        "Use w0, w1 (or x, y), + - * / ^, and functions such as sqrt, exp, log, sin, cos.",
        "使用 w0、w1（或 x、y）、+ - * / ^ 以及 sqrt、exp、log、sin、cos 等函数。",
    ),
    "surfaces_3d.function3": ("Function f(w0, w1, w2)", "函数 f(w0, w1, w2)"),
    "surfaces_3d.function3.help": (
        "Use w0, w1, w2 (or x, y, z); a function of two of them gives cylinders along the third.",
        "使用 w0、w1、w2（或 x、y、z）；只含其中两个变量的函数，其等值面是沿第三个方向的柱面。",
    ),
    "surfaces_3d.preset": ("Example", "示例"),
    "surfaces_3d.preset.typed": ("typed by you", "自己输入"),
    "surfaces_3d.preset.bowl": ("the chapter's bowl", "本章的碗形函数"),
    "surfaces_3d.preset.cone": ("cone (distance to the origin)", "圆锥（到原点的距离）"),
    "surfaces_3d.preset.sphere3": ("spheres (figure 3.8)", "球面（图 3.8）"),
    "surfaces_3d.preset.cylinder3": ("cylinders (figure 3.9)", "圆柱面（图 3.9）"),
    "surfaces_3d.preset.rosenbrock": ("Rosenbrock's valley", "Rosenbrock 山谷"),
    "surfaces_3d.preset.himmelblau": ("Himmelblau (four minima)", "Himmelblau（四个极小值）"),
    "surfaces_3d.preset.beale": ("Beale", "Beale 函数"),
    "surfaces_3d.preset.booth": ("Booth", "Booth 函数"),
    "surfaces_3d.preset.matyas": ("Matyas", "Matyas 函数"),
    "surfaces_3d.preset.camel": ("six-hump camel", "六峰驼背函数"),
    "surfaces_3d.preset.saddle": ("saddle", "鞍面"),
    "surfaces_3d.preset.monkey_saddle": ("monkey saddle", "猴鞍面"),
    "surfaces_3d.preset.rastrigin": ("Rastrigin (many local minima)", "Rastrigin（许多局部极小值）"),
    "surfaces_3d.last_good": (
        "Showing the last formula that worked until this one is fixed.",
        "在修正之前，仍显示上一个可用的公式。",
    ),
    "surfaces_3d.x0": ("start w0", "起点 w0"),
    "surfaces_3d.y0": ("start w1", "起点 w1"),
    "surfaces_3d.opt": ("Optimizers", "优化器"),
    "surfaces_3d.lr": ("Learning rate μ", "学习率 μ"),
    "surfaces_3d.steps": ("Maximum steps", "最大步数"),
    "surfaces_3d.momentum": ("Momentum β", "动量 β"),
    "surfaces_3d.no_opt": (
        "Pick at least one optimizer to see a descent path.",
        "至少选择一个优化器才能看到下降路径。",
    ),
    "surfaces_3d.run": (
        "**{name}**: {status} after {steps} steps, L = {loss}.",
        "**{name}**：{steps} 步后{status}，L = {loss}。",
    ),
    "surfaces_3d.diverged": (
        "{name} diverged at step {step}: the learning rate is too large for this surface. Try a smaller μ.",
        "{name} 在第 {step} 步发散：对这个曲面来说学习率太大了，请减小 μ。",
    ),
    "surfaces_3d.overflow_start": (
        "{name} did not start: f at the start is too large for floating point (beyond 1.8 × 10^308), whatever "
        "the learning rate. Move the start closer to where f is small.",
        "{name} 未能开始：f 在起点处的值超出了浮点数的范围（超过 1.8 × 10^308），与学习率无关。"
        "请把起点移到 f 较小的地方。",
    ),
    "surfaces_3d.undefined_start": (
        "{name} did not start: f is not defined at the start. Move the start to where f has a value.",
        "{name} 未能开始：f 在起点处无定义。请把起点移到 f 有定义的地方。",
    ),
    "surfaces_3d.left_domain": (
        "{name} left the domain where f is defined at step {step}: that step landed where f has no value "
        "(for example the square root or logarithm of a negative number). A smaller μ or another start may "
        "stay inside it.",
        "{name} 在第 {step} 步离开了 f 的定义域：这一步落在 f 无定义的地方（例如负数的平方根或对数）。"
        "减小 μ 或换一个起点也许能留在定义域内。",
    ),
    "surfaces_3d.camera": (
        "Drag to turn the surface, scroll to zoom; the view stays put when you change μ or the start.",
        "拖动可旋转曲面，滚轮可缩放；修改 μ 或起点时视角保持不变。",
    ),
    "surfaces_3d.px": ("P: w0", "P：w0"),
    "surfaces_3d.py": ("P: w1", "P：w1"),
    "surfaces_3d.dx": ("your step δ: Δw0", "你的步长 δ：Δw0"),
    "surfaces_3d.dy": ("your step δ: Δw1", "你的步长 δ：Δw1"),
    "surfaces_3d.dirs": ("Number of directions", "方向数"),
    "surfaces_3d.steepest.caption": (
        "Every arrow is a step of the same length |δ| = {length} from P, in a different direction; its label is "
        "the change dL = L(P + δ) − L(P) it causes (arrows drawn longer so you can see them). The red one, "
        "−∇L, lowers L the most; the blue one is your δ. Along the contour dL is almost zero.",
        "每个箭头都是从 P 出发、长度相同 |δ| = {length} 的一步，方向各不相同；标签是它引起的变化 "
        "dL = L(P + δ) − L(P)（为便于观察，箭头画得更长）。红色的 −∇L 使 L 下降最多；蓝色的是你的 δ。"
        "沿等高线方向 dL 几乎为零。",
    ),
    "surfaces_3d.steepest.readout": (
        "L(P) = {value}, ∇L(P) = [{g0}, {g1}], |∇L| = {norm}; the steepest step of length |δ| lowers L by about "
        "|∇L|·|δ| = {drop}.",
        "L(P) = {value}，∇L(P) = [{g0}, {g1}]，|∇L| = {norm}；长度为 |δ| 的最速一步使 L 大约下降 "
        "|∇L|·|δ| = {drop}。",
    ),
    "surfaces_3d.zero_step": ("The step δ must not be zero.", "步长 δ 不能为零。"),
    "surfaces_3d.undefined_at": (
        "L or its gradient is not defined at P = ({x}, {y}); move P.",
        "L 或其梯度在 P = ({x}, {y}) 处没有定义，请移动 P。",
    ),
    "surfaces_3d.col.angle": ("direction (°)", "方向（°）"),
    "surfaces_3d.col.d0": ("Δw0", "Δw0"),
    "surfaces_3d.col.d1": ("Δw1", "Δw1"),
    "surfaces_3d.col.exact": ("dL exact", "dL 精确值"),
    "surfaces_3d.col.estimate": ("∇L · δ (first order)", "∇L · δ（一阶近似）"),
    "surfaces_3d.col.difference": ("difference", "差值"),
    "surfaces_3d.c": ("Level c (the highlighted surface)", "等值 c（高亮的曲面）"),
    "surfaces_3d.add_level": ("Keep this level", "保留这个等值面"),
    "surfaces_3d.clear_levels": ("Clear kept levels", "清除保留的等值面"),
    "surfaces_3d.levels": ("Surfaces drawn: f = {levels}.", "已绘制的等值面：f = {levels}。"),
    "surfaces_3d.level_missing": (
        "f never equals {c} inside the box, so that surface is empty.",
        "在这个范围内 f 取不到 {c}，所以该等值面为空。",
    ),
    "surfaces_3d.theta": ("Angle θ between the direction and the gradient (°)", "方向与梯度的夹角 θ（°）"),
    "surfaces_3d.az": ("Point P: azimuth (°)", "点 P：方位角（°）"),
    "surfaces_3d.el": ("Point P: elevation (°)", "点 P：仰角（°）"),
    "surfaces_3d.levels.caption": (
        "Each surface is one value of f. The cones are ∇f: normal to the surfaces and pointing to larger f. "
        "Along a direction at angle θ to the gradient f changes at the rate $D_\\theta$ = ∇f · l̂ = |∇f| cos θ: "
        "fastest at θ = 0, zero in the tangent plane (θ = 90°).",
        "每个曲面对应 f 的一个取值。圆锥表示梯度 ∇f：垂直于曲面并指向 f 增大的方向。沿着与梯度成 θ 角的方向，"
        "f 的变化率为 $D_\\theta$ = ∇f · l̂ = |∇f| cos θ：θ = 0 时最快，在切平面内（θ = 90°）为零。",
    ),
    "surfaces_3d.probe": (
        "At P = ({x}, {y}, {z}) on f = {c}: |∇f| = {norm}, so $D_\\theta$ = {norm} · cos {theta}° = {D}. A step of "
        "h = {h} along l̂ changes f by {change} (h · $D_\\theta$ = {estimate}).",
        "在 f = {c} 上的点 P = ({x}, {y}, {z})：|∇f| = {norm}，因此 $D_\\theta$ = {norm} · cos {theta}° = {D}。"
        "沿 l̂ 走 h = {h} 使 f 变化 {change}（h · $D_\\theta$ = {estimate}）。",
    ),
    "surfaces_3d.no_probe": (
        "The gradient is zero or undefined at this point, so there is no normal direction here.",
        "该点处梯度为零或没有定义，因此这里没有法线方向。",
    ),
    "surfaces_3d.flat": (
        "This function is constant on the box: it has no level surfaces to draw.",
        "该函数在这个范围内是常数，没有可画的等值面。",
    ),
    "surfaces_3d.fig.dl": ("dL = {value}", "dL = {value}"),
    "surfaces_3d.fig.point": ("point P", "点 P"),
    "surfaces_3d.fig.level": ("f = {c}", "f = {c}"),
    "surfaces_3d.fig.gradient": ("∇f (normal, outward)", "∇f（法向，指向外侧）"),
    "surfaces_3d.fig.grad_at_p": ("∇f at P", "P 处的 ∇f"),
    "surfaces_3d.fig.direction": (
        "l̂ at θ = {theta}°: D<sub>θ</sub> = {D}",
        "θ = {theta}° 的方向 l̂：D<sub>θ</sub> = {D}",
    ),
    "surfaces_3d.fig.tangent": ("tangent plane (no change)", "切平面（无变化）"),
}
