"""Heavy work in the worker pool: what is computed, its progress, and why it stopped (core.pool, ui.jobs)."""

STRINGS = {
    "job.label.listing": ("Training the listing", "正在训练代码清单"),
    "job.label.classifier": ("Training the classifier", "正在训练分类器"),
    "job.label.basins": ("Computing the basins of attraction", "正在计算吸引域"),
    "job.label.critical": ("Finding the critical points", "正在寻找临界点"),
    "job.label.verdict": ("Testing convexity", "正在检验凸性"),
    "job.running": ("{what}: {percent}% after {seconds} s", "{what}：{percent}%，已用 {seconds} 秒"),
    "job.queued": (
        "{what}: waiting for a free worker ({ahead} computations ahead)",
        "{what}：等待空闲的计算进程（前面还有 {ahead} 个计算）",
    ),
    "job.stop": ("Stop", "停止"),
    "job.stopped": (
        "{what} was stopped. Change a setting, or run it again.",
        "{what}已停止。请修改设置，或重新运行。",
    ),
    "job.again": ("Run again", "重新运行"),
    "job.busy": (
        "The server is busy with {jobs} heavy computations: try again in a minute.",
        "服务器正在进行 {jobs} 个大型计算：请一分钟后再试。",
    ),
    "job.cancelled": ("The computation was stopped.", "计算已停止。"),
    "job.crashed": (
        "The computation failed (its worker process stopped): try smaller inputs.",
        "计算失败（计算进程已停止）：请尝试更小的输入。",
    ),
    "job.over.listing": (
        "Training was stopped at its {seconds}-second budget before finishing {steps} steps: "
        "about {fit} steps fit in it.",
        "训练超出 {seconds} 秒的时间预算，在完成 {steps} 步之前已停止：预算内大约能完成 {fit} 步。",
    ),
    "job.over.classifier": (
        "Training on {n} points was stopped at its {seconds}-second budget before finishing {steps} steps: "
        "about {fit} steps fit in it.",
        "在 {n} 个点上的训练超出 {seconds} 秒的时间预算，在完成 {steps} 步之前已停止：预算内大约能完成 {fit} 步。",
    ),
    "job.over.basins": (
        "The {res} × {res} basins map was stopped at its {seconds}-second budget: about {fit} steps fit at "
        "this resolution (of {steps}), or pick a smaller resolution.",
        "{res} × {res} 的吸引域图超出 {seconds} 秒的时间预算，已停止：在此分辨率下大约能完成 {fit} 步"
        "（共 {steps} 步），或选择更小的分辨率。",
    ),
    "job.over.critical": (
        "Finding the critical points took longer than its {seconds}-second budget and was stopped: "
        "try a simpler function.",
        "寻找临界点超出 {seconds} 秒的时间预算，已停止：请尝试更简单的函数。",
    ),
    "job.over.verdict": (
        "Testing convexity took longer than its {seconds}-second budget and was stopped: try a simpler function.",
        "检验凸性超出 {seconds} 秒的时间预算，已停止：请尝试更简单的函数。",
    ),
}
