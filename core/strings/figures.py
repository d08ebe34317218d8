"""Labels inside the shared figures."""

STRINGS = {
    "player.play": ("Play", "播放"),
    "player.pause": ("Pause", "暂停"),
    "player.label": ("Step {k} of {n}", "第 {k} 步，共 {n} 步"),
    "player.back": ("One step back", "后退一步"),
    "player.forward": ("One step forward", "前进一步"),
    "player.previous": ("Previous recorded step", "上一个记录的步"),
    "player.next": ("Next recorded step", "下一个记录的步"),
    "player.gif": ("Download the animation (GIF, for slides)", "下载动画（GIF，用于幻灯片）"),
    "player.gif_help": (
        "The frames the player shows, as an animated GIF: the same colours, level sets, paths and step label.",
        "播放器显示的各帧，做成 GIF 动画：颜色、等值线、路径和步数标签都与屏幕上相同。",
    ),
    "player.html": ("Download the animation (HTML, opens offline)", "下载动画（HTML，可离线打开）"),
    "player.html_help": (
        "One page with the figure and the same player: open it in a browser, no network needed.",
        "一个包含该图和同一播放器的网页：用浏览器打开，无需联网。",
    ),
    "player.scrubber": ("Step shown", "显示的步"),
    "player.player": ("Animation player", "动画播放器"),
    "player.describe": ("step {k} of {n}: {what}", "第 {k} 步，共 {n} 步：{what}"),
    "player.describe_run": (
        "{name} ({x}, {y}), loss {loss}, |∇f| {grad}",
        "{name} ({x}, {y})，损失 {loss}，|∇f| {grad}",
    ),
    "fig.start": ("start", "起点"),
    "fig.start_handle": (
        "Start point ({x}, {y}): the arrow keys move it, Shift moves it further, Enter confirms",
        "起点 ({x}, {y})：方向键移动它，按住上档键移动得更远，回车确认",
    ),
    "fig.current": ("current point", "当前点"),
    "fig.left_window": ("diverged, left the plot at step {step}", "发散，第 {step} 步离开绘图区域"),
    "fig.overflowed": ("diverged, overflowed at step {step}", "发散，第 {step} 步溢出"),
    "fig.left_domain": (
        "left the domain where f is defined at step {step}",
        "第 {step} 步离开 f 的定义域",
    ),
    "fig.minimum": ("known minimum", "已知极小值"),
    "fig.f_log": ("f (log scale)", "f（对数刻度）"),
    "status.converged": ("converged", "已收敛"),
    "status.max_steps": ("step limit reached", "达到步数上限"),
    "status.diverged": (
        "diverged at step {step} (last finite point: step {last})",
        "在第 {step} 步发散（最后一个有限点：第 {last} 步）",
    ),
    "status.undefined_start": ("f is not defined at the start", "f 在起点处无定义"),
    "status.overflow_start": (
        "f overflows at the start (beyond 1.8 × 10^308)",
        "f 在起点处溢出（超过 1.8 × 10^308）",
    ),
    "status.left_domain": (
        "left the domain where f is defined at step {step} (last point where f is defined: step {last})",
        "在第 {step} 步离开 f 的定义域（最后一个有定义的点：第 {last} 步）",
    ),
    "newton.full_step": (
        "Newton ignores μ: each step goes to the minimum of the local quadratic model, w ← w − H⁻¹∇L "
        "(one step on a bowl). μ sets the step of the other optimizers.",
        "牛顿法不使用 μ：每一步都走到局部二次模型的极小值处，w ← w − H⁻¹∇L（碗形函数一步到位）。"
        "μ 只决定其他优化器的步长。",
    ),
    "newton.singular": (
        "Newton: the Hessian is singular at step {step}; a least-squares step was used.",
        "牛顿法：第 {step} 步海森矩阵奇异，改用最小二乘步。",
    ),
    "newton.not_pd": (
        "Newton: the Hessian is not positive definite at step {step}, so the step heads for a saddle "
        "or a maximum, not a minimum.",
        "牛顿法：第 {step} 步海森矩阵不是正定的，因此这一步会走向鞍点或极大值，而不是极小值。",
    ),
}
