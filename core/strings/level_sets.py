"""Text of the level-sets view (sections 3.3-3.3.2)."""

STRINGS = {
    "level_sets.intro": (
        "Level sets (contour lines, in 2-D) are the curves where f is constant; the gradient is normal to them and "
        "points uphill. Drag the white ring (or click anywhere on the plot) to move the start point: the "
        "descent paths are recomputed at once.",
        "等高线是 f 取常数值的曲线；梯度与等高线垂直，并指向上坡方向。拖动白色圆环（或在图上任意处点击）移动起点，"
        "下降路径会立即重新计算。",
    ),
    "level_sets.function": ("Function f", "函数 f"),
    "level_sets.custom": ("custom (type a formula)", "自定义（输入公式）"),
    "level_sets.formula": ("Formula in x, y (or w0, w1)", "关于 x, y（或 w0, w1）的公式"),
    "level_sets.formula.help": (
        "For example (1 - x)^2 + 100(y - x^2)^2 or sin(x) * cos(y). Use ^ for powers.",
        "例如 (1 - x)^2 + 100(y - x^2)^2 或 sin(x) * cos(y)。乘方用 ^。",
    ),
    "level_sets.bad_formula": (
        "{message} Still showing the last good function, {text}.",
        "{message} 仍显示上一个有效的函数：{text}。",
    ),
    "level_sets.start_x": ("start, first coordinate", "起点的第一个坐标"),
    "level_sets.start_y": ("start, second coordinate", "起点的第二个坐标"),
    "level_sets.optimizers": ("Optimizers to race", "参与比赛的优化器"),
    "level_sets.lr": ("learning rate μ (log scale)", "学习率 μ（对数刻度）"),
    "level_sets.lr_box": ("μ, any value", "μ，任意取值"),
    "level_sets.momentum": ("momentum", "动量"),
    "level_sets.steps": ("steps", "步数"),
    "level_sets.field": ("show the gradient field", "显示梯度场"),
    "level_sets.preset.bowl": ("bowl 2w₀² + 3w₁² (chapter)", "碗形 2w₀² + 3w₁²（本章）"),
    "level_sets.preset.cone": ("cone √(w₀² + w₁²) (figure 3.7)", "圆锥 √(w₀² + w₁²)（图 3.7）"),
    "level_sets.preset.rosenbrock": ("Rosenbrock", "Rosenbrock 函数"),
    "level_sets.preset.himmelblau": ("Himmelblau", "Himmelblau 函数"),
    "level_sets.preset.beale": ("Beale", "Beale 函数"),
    "level_sets.preset.booth": ("Booth", "Booth 函数"),
    "level_sets.preset.matyas": ("Matyas", "Matyas 函数"),
    "level_sets.preset.camel": ("six-hump camel", "六峰驼背函数"),
    "level_sets.preset.saddle": ("saddle x² − y²", "鞍面 x² − y²"),
    "level_sets.preset.monkey_saddle": ("monkey saddle", "猴鞍面"),
    "level_sets.preset.rastrigin": ("Rastrigin", "Rastrigin 函数"),
    "level_sets.drag_hint": (
        "Drag the ring (mouse or finger) or click the plot to move the start: the paths follow as you drag. "
        "Keyboard: Tab to the ring, arrow keys move it (Shift: further), Enter confirms. With the mouse, drag "
        "elsewhere to zoom, double-click to reset the zoom; on a touch screen a swipe scrolls the page. Black "
        "arrow: ∇f, normal to the contour; dashed white line: the contour's tangent.",
        "拖动圆环（鼠标或手指）或点击图形移动起点：拖动时路径随之更新。键盘：按制表键选中圆环，方向键移动"
        "（按住上档键移动更远），回车确认。用鼠标在别处拖动可缩放，双击恢复；在触摸屏上滑动会滚动页面。"
        "黑色箭头：∇f，垂直于等高线；白色虚线：等高线的切线。",
    ),
    "level_sets.readout": (
        "At ({x}, {y}): f = {value}, ∇f = [{g0}, {g1}], |∇f| = {norm}, angle between ∇f and the contour's "
        "tangent = {angle}°",
        "在 ({x}, {y})：f = {value}，∇f = [{g0}, {g1}]，|∇f| = {norm}，∇f 与等高线切线的夹角 = {angle}°",
    ),
    "level_sets.critical": (
        "At ({x}, {y}): f = {value} and ∇f = 0 (a critical point): no level curve direction here.",
        "在 ({x}, {y})：f = {value}，∇f = 0（驻点）：此处没有等高线方向。",
    ),
    "level_sets.undefined": ("f is not defined at ({x}, {y}).", "f 在 ({x}, {y}) 处没有定义。"),
    "level_sets.overflow": (
        "f at ({x}, {y}) is too large for floating point (beyond 1.8 × 10^308): no path can start there.",
        "f 在 ({x}, {y}) 处的值超出了浮点数的范围（超过 1.8 × 10^308）：路径无法从这里开始。",
    ),
    "level_sets.stability.stable": (
        "Stability hint for plain GD at the start: μ · λmax(Hessian) = {lr} × {lam} = {product} < 2, so the "
        "steps shrink (stable for μ < {lr_max}).",
        "起点处普通梯度下降的稳定性提示：μ · λmax(海森矩阵) = {lr} × {lam} = {product} < 2，步长收缩（μ < {lr_max} 时稳定）。",
    ),
    "level_sets.stability.unstable": (
        "Stability hint for plain GD at the start: μ · λmax(Hessian) = {lr} × {lam} = {product} ≥ 2, so GD "
        "overshoots and is likely to diverge; try μ < {lr_max}.",
        "起点处普通梯度下降的稳定性提示：μ · λmax(海森矩阵) = {lr} × {lam} = {product} ≥ 2，梯度下降会越过极小值，"
        "很可能发散；请尝试 μ < {lr_max}。",
    ),
    "level_sets.stability.no_bound": (
        "Stability hint: the Hessian at the start has no positive eigenvalue (λmax = {lam}), so no learning "
        "rate makes GD contract here.",
        "稳定性提示：起点处海森矩阵没有正特征值（λmax = {lam}），任何学习率都不能使梯度下降在此收缩。",
    ),
    "level_sets.stability.undefined": (
        "Stability hint: the Hessian is not defined at the start.",
        "稳定性提示：起点处海森矩阵没有定义。",
    ),
    "level_sets.tab.race": ("Race", "比赛"),
    "level_sets.tab.steps": ("Step by step", "逐步"),
    "level_sets.tab.direction": ("Directional derivative", "方向导数"),
    "level_sets.tab.warmup": ("1-D warm-up", "一维热身"),
    "level_sets.tab.share": ("Share and download", "分享与下载"),
    "level_sets.race.empty": ("Pick at least one optimizer to race.", "请至少选择一个优化器。"),
    "level_sets.race.optimizer": ("optimizer", "优化器"),
    "level_sets.race.final": ("final point", "终点"),
    "level_sets.race.loss": ("final loss", "最终损失"),
    "level_sets.race.steps": ("steps", "步数"),
    "level_sets.race.status": ("status", "状态"),
    "level_sets.steps.optimizer": ("path", "路径"),
    "level_sets.steps.k": ("step k", "第 k 步"),
    "level_sets.steps.notation": (
        "Algorithm 3.2 of the chapter repeats w ← w − μ∇L(w). Below, the superscript counts steps: w⁽ᵏ⁾ is the "
        "point after k steps and g⁽ᵏ⁾ = ∇L(w⁽ᵏ⁾); subscripts name coordinates (w₀, w₁ = the chapter's w[0], "
        "w[1]). Squares, fractions and square roots of vectors act on each coordinate.",
        "本章算法 3.2 反复执行 w ← w − μ∇L(w)。下面的上标表示步数：w⁽ᵏ⁾ 是第 k 步之后的点，g⁽ᵏ⁾ = ∇L(w⁽ᵏ⁾)；"
        "下标表示坐标（w₀、w₁ 即本章的 w[0]、w[1]）。向量的平方、分数和平方根都按坐标逐个计算。",
    ),
    "level_sets.steps.mark": ("the step {here} → {next}", "这一步 {here} → {next}"),
    "level_sets.steps.caption": (
        "{optimizer} at {wk}: L = {loss}, |∇L| = {norm}. For sgd the update is exactly algorithm 3.2's; "
        "momentum and nesterov add a velocity v, adam, rmsprop and adagrad scale each coordinate, newton uses "
        "the Hessian H. The plot marks {wk} and the step to the next point.",
        "{optimizer} 位于 {wk}：L = {loss}，|∇L| = {norm}。对 sgd 而言这正是算法 3.2 的更新；"
        "momentum 和 nesterov 加入速度 v，adam、rmsprop 和 adagrad 按坐标缩放，newton 使用海森矩阵 H。"
        "图中标出 {wk} 以及走向下一个点的这一步。",
    ),
    "level_sets.steps.none": ("This path has no step yet.", "这条路径还没有迈出任何一步。"),
    "level_sets.dir.theta": ("direction θ (degrees)", "方向 θ（度）"),
    "level_sets.dir.caption": (
        "$D_\\theta$ = ∇f · l̂ with l̂ = (cos θ, sin θ): here {value}. It is largest, |∇f| = {largest}, along the "
        "gradient (θ = {steepest}°) and zero along the contour (θ = {level0}° or {level1}°).",
        "$D_\\theta$ = ∇f · l̂，其中 l̂ = (cos θ, sin θ)：此处为 {value}。沿梯度方向（θ = {steepest}°）最大，等于 |∇f| = "
        "{largest}；沿等高线方向（θ = {level0}° 或 {level1}°）为零。",
    ),
    "level_sets.dir.example": (
        "Load the chapter's example: L = 2w₀² + 3w₁² at P = (3, 4)",
        "载入本章例题：L = 2w₀² + 3w₁²，P = (3, 4)",
    ),
    "level_sets.dir.example_head": (
        "The chapter's example: at P = (3, 4), L = {value} and ∇L = [{g0}, {g1}]. Two steps of the same "
        "length change L differently: the first-order estimate ∇L · δ against the exact change.",
        "本章例题：在 P = (3, 4)，L = {value}，∇L = [{g0}, {g1}]。两个长度相同的位移使 L 的变化不同："
        "一阶估计 ∇L · δ 与精确变化对比。",
    ),
    "level_sets.dir.step": ("displacement δ", "位移 δ"),
    "level_sets.dir.estimate": ("first-order estimate ∇L · δ", "一阶估计 ∇L · δ"),
    "level_sets.dir.exact": ("exact change L(P + δ) − L(P)", "精确变化 L(P + δ) − L(P)"),
    "level_sets.dir.error": ("difference", "差值"),
    "level_sets.dir.book": (
        "Exact rational arithmetic. The book rounds the second exact change to {rounded}.",
        "使用精确的有理数运算。书中把第二个精确变化舍入为 {rounded}。",
    ),
    "level_sets.dial.up": ("D<sub>θ</sub> > 0 (f increases)", "D<sub>θ</sub> > 0（f 增大）"),
    "level_sets.dial.down": ("D<sub>θ</sub> < 0 (f decreases)", "D<sub>θ</sub> < 0（f 减小）"),
    "level_sets.dial.marks": ("gradient and contour directions", "梯度方向与等高线方向"),
    "level_sets.dial.title": (
        "D<sub>θ</sub> at θ = {theta}°: {value:.4g}",
        "θ = {theta}° 时 D<sub>θ</sub> = {value:.4g}",
    ),
    "level_sets.warmup.function": ("one-variable loss", "单变量损失函数"),
    "level_sets.warmup.w": ("w", "w"),
    "level_sets.warmup.lr": ("learning rate μ", "学习率 μ"),
    "level_sets.warmup.tangent": ("tangent, slope dL/dw = {slope:.4g}", "切线，斜率 dL/dw = {slope:.4g}"),
    "level_sets.warmup.next": ("w − μ dL/dw", "w − μ dL/dw"),
    "level_sets.warmup.caption": (
        "dL = (dL/dw) dw. At w = {w}: L = {value}, dL/dw = {slope}; the step goes {way} to w = {next}.",
        "dL = (dL/dw) dw。在 w = {w}：L = {value}，dL/dw = {slope}；这一步向{way}走到 w = {next}。",
    ),
    "level_sets.warmup.left": ("left (downhill)", "左（下坡）"),
    "level_sets.warmup.right": ("right (downhill)", "右（下坡）"),
    "level_sets.warmup.still": ("nowhere (the slope is zero)", "原地不动（斜率为零）"),
    "level_sets.share.caption": (
        "The link in the address bar holds the function, start point, optimizers, learning rate and steps: "
        "opening it reproduces this view.",
        "地址栏中的链接保存了函数、起点、优化器、学习率和步数：打开它即可重现此视图。",
    ),
    "level_sets.share.csv": ("Download the paths (CSV)", "下载路径（CSV）"),
    "level_sets.fig.tangent": ("contour tangent", "等高线切线"),
    "level_sets.fig.gradient": (
        "∇f, |∇f| = {norm} (not to scale)",
        "∇f，|∇f| = {norm}（未按比例）",
    ),
    "level_sets.fig.field": ("∇f field (directions)", "∇f 场（方向）"),
}
