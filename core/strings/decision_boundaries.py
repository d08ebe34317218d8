"""Decision boundaries view (chapter sections 3.1 and 3.2)."""

_P = "decision_boundaries."

STRINGS = {
    _P + "intro": (
        "A classifier is a surface φ(x) = 0 that separates the classes: the class of a point is the sign of φ. "
        "Training moves the surface's parameters downhill on the loss.",
        "分类器是把各类分开的曲面 φ(x) = 0：一个点的类别就是 φ 的符号。训练让曲面的参数沿损失函数下坡移动。",
    ),
    _P + "tab.train": ("Train a classifier", "训练分类器"),
    _P + "tab.params": ("Parameter space", "参数空间"),
    _P + "tab.sign": ("Sign of φ", "φ 的符号"),
    _P + "tab.raster": ("Rasterisation", "光栅化"),
    _P + "data": ("Dataset", "数据集"),
    _P + "data.clusters": ("Two clusters (car vs giraffe)", "两个簇（汽车与长颈鹿）"),
    _P + "data.ring": ("Ring around a core (horse vs zebra)", "环绕核心的环（马与斑马）"),
    _P + "data.moons": ("Two moons", "双月形"),
    _P + "data.spirals": ("Two spirals", "双螺旋"),
    _P + "n": ("Number of points", "点数"),
    _P + "noise": ("Noise", "噪声"),
    _P + "seed": ("Random seed", "随机种子"),
    _P + "model": ("Model", "模型"),
    _P + "model.hyperplane": ("Hyperplane", "超平面"),
    _P + "model.hypersphere": ("Hypersphere", "超球面"),
    _P + "model.mlp": ("Multilayer perceptron", "多层感知机"),
    _P + "loss": ("Loss function", "损失函数"),
    _P + "loss.squared": ("Squared error", "平方误差"),
    _P + "loss.logistic": ("Logistic", "逻辑斯谛损失"),
    _P + "lr": ("Learning rate μ", "学习率 μ"),
    _P + "steps": ("Steps", "步数"),
    _P + "train": ("Train", "训练"),
    _P + "untrained": (
        "The boundary of the untrained model (initial parameters from the seed). Press Train.",
        "未训练模型的决策边界（初始参数由随机种子决定）。请点击“训练”。",
    ),
    _P + "summary": (
        "After {step} steps: loss {loss}, training accuracy {accuracy}. Press ▶ under the plot to replay.",
        "{step} 步之后：损失 {loss}，训练准确率 {accuracy}。点击图下方的 ▶ 重放。",
    ),
    _P + "reason.diverged": (
        "The loss blew up: the learning rate is too large for this model and data. Try a smaller one.",
        "损失发散了：对这个模型和数据来说学习率太大。请减小学习率。",
    ),
    _P + "reason.stopped": ("Training was stopped at step {step}.", "训练在第 {step} 步被停止。"),
    _P + "add": ("Add points or upload data", "添加点或上传数据"),
    _P + "add.help": (
        "Click anywhere on the plot to add a point of the chosen class, or type its coordinates.",
        "在图上任意位置点击即可添加所选类别的点，也可以输入坐标。",
    ),
    _P + "add.class": ("Class of new points", "新点的类别"),
    _P + "add.button": ("Add point", "添加点"),
    _P + "upload": ("Upload a CSV file (x1,x2,label)", "上传 CSV 文件（x1,x2,label）"),
    _P + "upload.help": (
        "Labels 1 and 0 (or -1), coordinates within ±1,000,000; at most 2,000 rows and 200 kB. "
        "Your browser refuses a file over 1 MB before sending it.",
        "标签为 1 和 0（或 -1），坐标在 ±1,000,000 以内；最多 2000 行、200 kB。"
        "超过 1 MB 的文件会被浏览器直接拒绝，不会上传。",
    ),
    _P + "reset": ("Back to the built-in data", "恢复内置数据"),
    _P + "count": ("{n} points, {added} added by you.", "共 {n} 个点，其中 {added} 个是你添加的。"),
    _P + "uploaded": ("Using the uploaded file {name}.", "正在使用上传的文件 {name}。"),
    _P + "csv_too_big": (
        "That file is larger than {limit} kB; nothing was changed.",
        "文件超过 {limit} kB，未做任何更改。",
    ),
    _P + "csv_not_text": (
        "That file is not a text CSV; nothing was changed.",
        "该文件不是文本 CSV，未做任何更改。",
    ),
    _P + "csv_too_many": (
        "That file has more than {limit} rows; nothing was changed.",
        "文件超过 {limit} 行，未做任何更改。",
    ),
    _P + "csv_bad_row": (
        "Line {line} is not of the form x1,x2,label (label 1, 0 or -1); nothing was changed.",
        "第 {line} 行不符合 x1,x2,label 的格式（标签为 1、0 或 -1），未做任何更改。",
    ),
    _P + "csv_unreadable": (
        "Line {line} cannot be read as CSV (an unclosed quote, or a field far too long); nothing was changed.",
        "第 {line} 行无法按 CSV 读取（引号未闭合，或字段过长），未做任何更改。",
    ),
    _P + "csv_out_of_range": (
        "Line {line} has a coordinate beyond ±{limit}, the limit for uploaded points; nothing was changed.",
        "第 {line} 行的坐标超出 ±{limit}（上传点的坐标范围），未做任何更改。",
    ),
    _P + "csv_empty": (
        "That file has no rows of the form x1,x2,label; nothing was changed.",
        "该文件中没有 x1,x2,label 格式的数据行，未做任何更改。",
    ),
    _P + "csv_one_class": (
        "The file needs points of both classes; nothing was changed.",
        "文件中需要同时包含两个类别的点，未做任何更改。",
    ),
    _P + "too_many_points": (
        "At most {limit} points; this one was not added.",
        "最多 {limit} 个点，此点未添加。",
    ),
    _P + "pair": ("Parameters on the axes", "坐标轴上的参数"),
    _P + "pair.angle_b": ("angle of w and b", "w 的角度与 b"),
    _P + "axis.theta": ("θ (angle of w)", "θ（w 的角度）"),
    _P + "pair.w1_w2": ("w₁ and w₂", "w₁ 与 w₂"),
    _P + "pair.w1_b": ("w₁ and b", "w₁ 与 b"),
    _P + "params.other_model": (
        "This tab is about the **hyperplane** φ(x) = w₁x₁ + w₂x₂ + b, trained here with your data, loss, "
        "learning rate and steps. The model chosen in the sidebar, {model}, has other parameters, so its boundary "
        "on the Training tab differs from the line here.",
        "本页讨论的是**超平面** φ(x) = w₁x₁ + w₂x₂ + b，用你的数据、损失函数、学习率和步数训练。"
        "侧边栏选择的{model}有不同的参数，所以它在“训练”页上的决策边界与这里的直线不同。",
    ),
    _P + "params.caption": (
        "The loss as a function of two parameters of the hyperplane (the others fixed at their trained values), "
        "with the training path in white. Click anywhere on the contours to move the star: the line on the right "
        "is the hyperplane with those parameters.",
        "超平面损失函数关于其中两个参数的等高线图（其余参数固定为训练后的值），白线为训练路径。"
        "点击等高线图任意位置移动星号：右侧的直线就是这组参数对应的超平面。",
    ),
    _P + "params.readout": (
        "At the star: w = ({w1}, {w2}), b = {b}; loss {loss}, accuracy {accuracy}.",
        "星号处：w = ({w1}, {w2})，b = {b}；损失 {loss}，准确率 {accuracy}。",
    ),
    _P + "params.reset": ("Back to the trained parameters", "回到训练得到的参数"),
    _P + "sign.caption": (
        "Figure 3.3: the line y + 2x + 1 = 0. Hover over or click any point to see φ(x, y) = y + 2x + 1 and its sign.",
        "图 3.3：直线 y + 2x + 1 = 0。将鼠标悬停或点击任意点，查看 φ(x, y) = y + 2x + 1 及其符号。",
    ),
    _P + "sign.above": ("positive half-plane (above the line)", "正半平面（直线上方）"),
    _P + "sign.below": ("negative half-plane (below the line)", "负半平面（直线下方）"),
    _P + "sign.on": ("on the line", "在直线上"),
    _P + "sign.readout": ("φ({x}, {y}) = {phi}: {where}.", "φ({x}, {y}) = {phi}：{where}。"),
    _P + "picture": ("Picture (tick a box to ink a pixel)", "图片（勾选方框即可涂黑像素）"),
    _P + "picture.smiley": ("Smiley", "笑脸"),
    _P + "picture.heart": ("Heart", "心形"),
    _P + "picture.letter_a": ("Letter A", "字母 A"),
    _P + "picture.arrow": ("Arrow", "箭头"),
    _P + "raster.hover": (
        "pixel (row %{customdata[1]}, column %{customdata[2]}) → element %{customdata[0]}",
        "像素（第 %{customdata[1]} 行，第 %{customdata[2]} 列）→ 第 %{customdata[0]} 个元素",
    ),
    _P + "raster.row": ("row", "行"),
    _P + "raster.col": ("column", "列"),
    _P + "raster.index": ("vector index (row-major)", "向量下标（行优先）"),
    _P + "raster.pixel": ("Highlighted element (click either chart)", "高亮的元素（点击任一图）"),
    _P + "raster.selected": (
        "Pixel (row {row}, column {col}) is element {row} × {width} + {col} = {index} of the vector.",
        "像素（第 {row} 行，第 {col} 列）是向量的第 {row} × {width} + {col} = {index} 个元素。",
    ),
    _P + "raster.height": ("Image height", "图像高度"),
    _P + "raster.width": ("Image width", "图像宽度"),
    _P + "fig.boundary": ("boundary φ = 0", "决策边界 φ = 0"),
    _P + "fig.wrong": ("misclassified", "分类错误"),
    _P + "fig.class": ("class {label}", "类别 {label}"),
    _P + "fig.step": ("step", "步"),
    _P + "player.describe": (
        "step {k} of {n}: {right}% of the points on their side of the boundary, {wrong} misclassified",
        "第 {k} 步，共 {n} 步：{right}% 的点在边界正确的一侧，{wrong} 个分类错误",
    ),
    _P + "fig.loss": ("loss", "损失"),
    _P + "fig.accuracy": ("accuracy", "准确率"),
    _P + "fig.path": ("training path", "训练路径"),
}
