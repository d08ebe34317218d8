"""Home page and navigation."""

STRINGS = {
    "home.nav": ("Home", "首页"),
    "home.title": ("Gradient descent and vector calculus", "梯度下降与向量微积分"),
    "home.intro": (
        "An interactive companion to chapter 3 of *Math and Architectures of Deep Learning*, "
        "“Classifiers and vector calculus”. Drag start points on level sets, watch gradient descent "
        "unfold, and check every number of the chapter.",
        "《深度学习的数学与架构》第 3 章“分类器与向量微积分”的交互式伴侣。在等高线图上拖动起点，"
        "观察梯度下降的过程，并核对本章的每一个数字。",
    ),
    "home.section": ("Section {sections}", "第 {sections} 节"),
    "home.sections": ("Sections {sections}", "第 {sections} 节"),
    "home.footer": (
        "Every view keeps its settings in the address bar: copy the link to share exactly what you see.",
        "每个视图的设置都保存在地址栏中：复制链接即可分享你看到的内容。",
    ),
    "view.level_sets.title": ("Level sets and gradients", "等高线与梯度"),
    "view.level_sets.blurb": (
        "Contours, gradient normals, drag the start point, race optimizers.",
        "等高线、梯度法向、拖动起点、比较优化器。",
    ),
    "view.surfaces_3d.title": ("Surfaces in 3-D", "三维曲面"),
    "view.surfaces_3d.blurb": (
        "Loss surfaces with the descent path, and level surfaces of three variables.",
        "带下降路径的损失曲面，以及三元函数的等值面。",
    ),
    "view.decision_boundaries.title": ("Decision boundaries", "决策边界"),
    "view.decision_boundaries.blurb": (
        "Hyperplane, hypersphere and perceptron trained live.",
        "实时训练超平面、超球面与感知机。",
    ),
    "view.taylor.title": ("Taylor series", "泰勒级数"),
    "view.taylor.blurb": (
        "Polynomials of any order, tangent plane, Hessian quadric, Newton's step.",
        "任意阶多项式、切平面、海森矩阵二次型、牛顿步。",
    ),
    "view.training.title": ("Training the book's models", "训练书中的模型"),
    "view.training.blurb": ("Listings 3.1–3.5 reproduced and animated.", "重现并演示代码清单 3.1–3.5。"),
    "view.convexity.title": ("Convexity and local minima", "凸性与局部极小值"),
    "view.convexity.blurb": (
        "The three convexity tests, the Hessian map, basins of attraction.",
        "三种凸性判定、海森矩阵图、吸引盆。",
    ),
}
