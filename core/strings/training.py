"""Training page: the book's listings 3.1-3.5 reproduced and animated."""

STRINGS = {
    "training.player.describe": (
        "step {k} of {n}: parameters ({params}), loss {loss}",
        "第 {k} 步，共 {n} 步：参数 ({params})，损失 {loss}",
    ),
    "training.intro": (
        "Section 3.5 trains five models with PyTorch. Pick a listing: with the book's settings the page "
        "prints exactly the book's numbers. Then change the settings and retrain.",
        "第 3.5 节用 PyTorch 训练了五个模型。选择一个代码清单：使用书中的设置时，本页打印的数字与书中完全一致。"
        "然后修改设置并重新训练。",
    ),
    "training.listing": ("Listing", "代码清单"),
    "training.listing.3.1": ("3.1 · linear model, closed-form gradient", "3.1 · 线性模型，闭合形式梯度"),
    "training.listing.3.2": ("3.2 · linear model, autograd", "3.2 · 线性模型，自动微分"),
    "training.listing.3.3": ("3.3 · linear model on quadratic data", "3.3 · 非线性数据上的线性模型"),
    "training.listing.3.4": ("3.4 · quadratic model", "3.4 · 二次模型"),
    "training.listing.3.5": ("3.5 · cat brain (nn.Module, SGD)", "3.5 · 猫脑（nn.Module、SGD）"),
    "training.about.3.1": (
        "y = 1.5x + 2.73 plus noise; the gradient of the mean squared error is written out by calculus.",
        "y = 1.5x + 2.73 加噪声；均方误差的梯度用微积分公式直接写出。",
    ),
    "training.about.3.2": (
        "The same data; `backward()` computes the gradient (autograd), no formula needed.",
        "相同的数据；由 `backward()` 计算梯度（自动微分），无需公式。",
    ),
    "training.about.3.3": (
        "y = x² − x + 2 plus noise, fitted by a line: the model is too simple, more training does not help.",
        "y = x² − x + 2 加噪声，用直线拟合：模型结构不够，继续训练也没有用。",
    ),
    "training.about.3.4": (
        "The same data with a quadratic model: it recovers the curve, but needs a small learning rate and "
        "200,000 steps.",
        "相同的数据换用二次模型：能还原曲线，但需要很小的学习率和 200,000 步。",
    ),
    "training.about.3.5": (
        "15 cat-brain examples, a linear model in (hardness, sharpness, 1), `MSELoss(reduction='sum')` and "
        "`optim.SGD`; compared with the pseudo-inverse solution.",
        "15 个猫脑样本，关于（硬度、锋利度、1）的线性模型，`MSELoss(reduction='sum')` 与 `optim.SGD`；"
        "并与伪逆解比较。",
    ),
    "training.settings": ("Settings", "设置"),
    "training.seed": ("Seed", "随机种子"),
    "training.n": ("N (data points)", "N（数据点个数）"),
    "training.noise": ("Noise", "噪声"),
    "training.noise_help": (
        "Scale of the noise added to y: 0.5 * randn in 3.1-3.2, 0.5 * rand - 0.25 in 3.3-3.4.",
        "加到 y 上的噪声幅度：3.1–3.2 为 0.5 * randn，3.3–3.4 为 0.5 * rand - 0.25。",
    ),
    "training.lr": ("Learning rate μ", "学习率 μ"),
    "training.steps": ("Steps", "步数"),
    "training.degree": ("Model degree", "模型次数"),
    "training.degree_help": (
        "1: y = wx + b; 2: adds x²; 3: adds x³.",
        "1：y = wx + b；2：加上 x²；3：加上 x³。",
    ),
    "training.train": ("Train", "训练"),
    "training.book_settings": ("Book settings", "书中设置"),
    "training.cat_fixed": (
        "The cat-brain data are fixed, so N, noise and degree do not apply. The book sets no seed: every "
        "seed converges to the same four decimals.",
        "猫脑数据是固定的，N、噪声和模型次数不适用。书中没有设置随机种子：任何种子都收敛到相同的四位小数。",
    ),
    "training.result": ("Learned function", "学到的函数"),
    "training.result_cat": ("Solution via gradient descent", "梯度下降得到的解"),
    "training.true_function": ("True function: {text}", "真实函数：{text}"),
    "training.book_prints": ("The book prints `{text}`.", "书中打印的结果是 `{text}`。"),
    "training.matches": ("Matches the book to the shown precision.", "与书中结果在所示精度内一致。"),
    "training.mismatch": ("Does not match the book's `{text}`.", "与书中的 `{text}` 不一致。"),
    "training.own_settings": (
        "Your settings differ from the book's, so the result differs too.",
        "你的设置与书中不同，因此结果也不同。",
    ),
    "training.exact": (
        "Exact float32 parameters (w0 = b, w1, …): {values}",
        "精确的 float32 参数（w0 = b, w1, …）：{values}",
    ),
    "training.exact_cat": (
        "Exact float32 weights [w0, w1, b]: {values}",
        "精确的 float32 权重 [w0, w1, b]：{values}",
    ),
    "training.timing": (
        "Trained {steps} steps in {seconds:.2f} s; the run is cached, so returning is instant.",
        "训练 {steps} 步用时 {seconds:.2f} 秒；结果已缓存，返回本页时立即显示。",
    ),
    "training.diverged": (
        "Diverged at step {step}: the loss exploded, so only the steps before it are shown.",
        "在第 {step} 步发散：损失函数爆炸，因此只显示此前的步骤。",
    ),
    "training.diverged_short": ("diverged at step {step}", "第 {step} 步发散"),
    "training.above_bound": (
        "The learning rate {lr:g} is above the stability bound 2 / λ_max = {bound:.4g}: gradient descent "
        "on this quadratic loss diverges.",
        "学习率 {lr:g} 高于稳定界 2 / λ_max = {bound:.4g}：在这个二次损失函数上梯度下降会发散。",
    ),
    "training.below_bound": (
        "The learning rate {lr:g} is below the stability bound 2 / λ_max = {bound:.4g}: gradient descent "
        "converges.",
        "学习率 {lr:g} 低于稳定界 2 / λ_max = {bound:.4g}：梯度下降收敛。",
    ),
    "training.tab.watch": ("Watch it learn", "观察学习过程"),
    "training.tab.loss": ("Loss", "损失"),
    "training.tab.gradients": ("Closed form vs autograd", "闭合形式与自动微分"),
    "training.tab.hessian": ("Hessian and learning rate", "海森矩阵与学习率"),
    "training.tab.code": ("PyTorch script", "PyTorch 脚本"),
    "training.watch_caption": ("Press play or drag the step slider.", "点击播放或拖动步数滑块。"),
    "training.watch_bowl": (
        "The right panel shows the path of (w, b) on the contours of the loss, a quadratic bowl (the same "
        "picture as the level sets page).",
        "右图显示 (w, b) 在损失函数等高线上的路径——一个二次碗形（与等高线页面相同的图像）。",
    ),
    "training.loss_caption": (
        "Mean squared error (3.1-3.4) or sum of squared errors (3.5) at the recorded steps, log scale.",
        "记录步骤上的均方误差（3.1–3.4）或误差平方和（3.5），对数坐标。",
    ),
    "training.gradients_caption": (
        "At recorded steps of this run: the gradient written out by calculus (listing 3.1) and the one "
        "autograd computes (listing 3.2), both in float32. They agree to float32 rounding.",
        "本次训练的若干记录步骤上：用微积分写出的梯度（代码清单 3.1）与自动微分计算的梯度（代码清单 3.2），"
        "均为 float32。两者在 float32 舍入误差内一致。",
    ),
    "training.col.step": ("step", "步"),
    "training.col.params": ("parameters", "参数"),
    "training.col.closed": ("closed-form gradient", "闭合形式梯度"),
    "training.col.autograd": ("autograd gradient", "自动微分梯度"),
    "training.col.diff": ("max |difference|", "最大 |差|"),
    "training.hessian_caption": (
        "The loss is quadratic in the parameters, so its Hessian H = 2·s·FᵀF is constant (F: the model's "
        "features, s = 1/N for the mean, 1 for the sum). Gradient descent is stable iff μ < 2 / λ_max(H).",
        "损失函数是参数的二次函数，因此其海森矩阵 H = 2·s·FᵀF 为常数（F：模型特征；均值时 s = 1/N，求和时 s = 1）。"
        "梯度下降稳定当且仅当 μ < 2 / λ_max(H)。",
    ),
    "training.eigenvalues": ("Eigenvalues of the Hessian: {values}", "海森矩阵的特征值：{values}"),
    "training.bound": ("Stability bound 2 / λ_max = {bound:.6g}", "稳定界 2 / λ_max = {bound:.6g}"),
    "training.pinv_title": ("Gradient descent vs pseudo-inverse", "梯度下降与伪逆"),
    "training.col.method": ("method", "方法"),
    "training.col.solution": ("solution [w0, w1, b]", "解 [w0, w1, b]"),
    "training.col.loss": ("loss", "损失"),
    "training.method.gd": ("gradient descent (this run)", "梯度下降（本次训练）"),
    "training.method.pinv32": ("pseudo-inverse, float32 (book)", "伪逆，float32（书中）"),
    "training.method.pinv64": ("least squares, float64", "最小二乘，float64"),
    "training.minimum": (
        "Minimum of the loss (least squares): {values}, loss {loss:.10g}",
        "损失函数的最小值（最小二乘）：{values}，损失 {loss:.10g}",
    ),
    "training.code_caption": (
        "The complete program for the current settings. Run on its own it prints the learned function "
        "shown above.",
        "当前设置下的完整程序。单独运行时，它打印的学到的函数与上面显示的相同。",
    ),
    "training.download": ("Download the script", "下载脚本"),
    "training.fig.data": ("data", "数据"),
    "training.fig.true": ("true function", "真实函数"),
    "training.fig.model": ("model", "模型"),
    "training.fig.pinv": ("pseudo-inverse", "伪逆"),
    "training.fig.diagonal": ("prediction = target", "预测 = 目标"),
    "training.fig.path": ("path of (w, b)", "(w, b) 的路径"),
    "training.fig.now": ("current (w, b)", "当前 (w, b)"),
    "training.fig.minimum": ("minimum", "最小值"),
    "training.fig.step": ("step", "步"),
    "training.fig.observed": ("observed threat score", "观测到的威胁分数"),
    "training.fig.predicted": ("predicted threat score", "预测的威胁分数"),
    "training.fig.fit_title": ("data and model", "数据与模型"),
    "training.fig.bowl_title": ("loss over (w, b): contours and path", "(w, b) 上的损失：等高线与路径"),
    "training.fig.loss": ("loss", "损失"),
}
