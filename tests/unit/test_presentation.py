"""Presenter sizing of figures: every text grows by the factor, main lines more than helper lines."""

import json

import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from core.figures import presentation
from core.figures.level_sets import canvas_figure, level_sets_base
from core.figures.presentation import presented
from core.level_sets import race


def test_text_everywhere_grows_by_the_factor_and_the_input_is_untouched():
    fig = go.Figure(go.Contour(z=[[1, 2], [3, 4]], colorbar={"tickfont": {"size": 10}}))
    fig.add_annotation(x=0, y=0, text="a", font={"size": 13})
    fig.update_layout(legend={"font": {"size": 11}}, xaxis={"title": {"text": "x", "font": {"size": 14}}})
    out = presented(fig, 1.3)
    layout = out["layout"]
    assert layout["font"]["size"] == pytest.approx(12 * 1.3)  # unset sizes (ticks, titles) inherit this
    assert layout["annotations"][0]["font"]["size"] == pytest.approx(13 * 1.3)
    assert layout["legend"]["font"]["size"] == pytest.approx(11 * 1.3)
    assert layout["xaxis"]["title"]["font"]["size"] == pytest.approx(14 * 1.3)
    assert out["data"][0]["colorbar"]["tickfont"]["size"] == pytest.approx(10 * 1.3)
    assert fig.layout.annotations[0].font.size == 13  # a pure function: the cached figure is not changed


def test_a_figure_that_sets_its_own_base_font_keeps_its_proportion():
    fig = go.Figure(layout={"font": {"size": 14}})
    assert presented(fig, 1.25)["layout"]["font"]["size"] == pytest.approx(17.5)


def test_main_traces_thicken_more_than_helper_lines():
    fig = go.Figure()
    fig.add_scatter(x=[0, 1], y=[0, 1], line={"width": 3}, name="path")
    fig.add_scatter(x=[0, 1], y=[1, 0], line={"width": 1, "dash": "dash"}, name="guide")
    fig.add_scatter(x=[0, 1], y=[1, 1], name="default width")
    fig.add_vline(x=0.5, line={"width": 1})
    data = presented(fig, 1.3)["data"]
    main, guide, default = (trace["line"]["width"] for trace in data)
    assert main >= 3 * 1.3 and main > 3 * presentation.HELPER_GROWTH
    assert guide == pytest.approx(1 * presentation.HELPER_GROWTH)
    assert default == pytest.approx(presentation.DEFAULT_LINE * presentation.HELPER_GROWTH)
    # after scaling the main path is still clearly the heaviest line
    assert main / guide > 2.5 and main / default > 1.5


def test_3d_scenes_and_subplots_inherit_the_scaled_base_font_and_the_height_is_capped():
    fig = make_subplots(rows=2, cols=1)
    fig.add_scatter(x=[0], y=[0], row=1, col=1)
    fig.add_scatter3d(x=[0], y=[0], z=[0])
    fig.update_layout(height=900, scene={"xaxis": {"title": {"text": "w₀"}}})
    out = presented(fig, 1.3)
    assert out["layout"]["font"]["size"] == pytest.approx(15.6)
    assert "size" not in out["layout"]["scene"]["xaxis"].get("tickfont", {})  # inherits the 15.6 above
    assert out["layout"]["height"] == presentation.MAX_HEIGHT


def test_the_canvas_figure_dict_keeps_its_animation_and_its_paths():
    base = level_sets_base("x^2 + 3*y^2", ((-4, 4), (-4, 4)), 21, False, "en")
    runs = race("x^2 + 3*y^2", (3.0, 4.0), ("sgd", "adam"), 0.05, 20, 0.9)
    fig = canvas_figure(
        json.loads(base.to_json()), runs, ((-4, 4), (-4, 4)), "en"
    )  # always compact now: an animation spec, no frames
    out = presented(fig, 1.3)
    assert out["animation"] == fig["animation"]
    paths = [trace for trace in out["data"] if trace.get("name") in ("sgd", "adam")]
    assert len(paths) == 2 and all(trace["line"]["width"] >= 3 * 1.3 for trace in paths)
    assert [trace["x"] for trace in paths] == [
        trace["x"] for trace in fig["data"] if trace.get("name") in ("sgd", "adam")
    ]


def test_a_shortened_figure_keeps_the_pixels_between_its_subplot_rows():
    # the training view's layout: two rows, 16 % apart, 760 px tall with 140 px of margins
    fig = make_subplots(
        rows=2,
        cols=2,
        specs=[[{}, {}], [{"colspan": 2}, None]],
        row_heights=[0.64, 0.36],
        vertical_spacing=0.16,
        subplot_titles=["fit", "bowl", "loss"],
    )
    fig.update_layout(height=760, margin={"t": 90, "b": 50})
    out = presented(fig, 1.3)["layout"]
    assert out["height"] == presentation.MAX_HEIGHT
    top, bottom = out["yaxis"]["domain"], out["yaxis3"]["domain"]
    assert out["yaxis2"]["domain"] == top
    gap_px = (top[0] - bottom[1]) * (presentation.MAX_HEIGHT - 140)
    # 0.16 of 620 px was 99 px; times 1.3 for the larger text is 129 px of the 320 px left (at most 40 %)
    assert gap_px == pytest.approx(min(0.16 * 620 * 1.3, 0.4 * 320))
    assert bottom[0] == 0 and top[1] == 1
    # the rows share the rest as before, and the subplot titles sit on their rows' new tops
    assert (top[1] - top[0]) / (bottom[1] - bottom[0]) == pytest.approx(0.64 / 0.36)
    titles = {note["text"]: note["y"] for note in out["annotations"]}
    assert titles == {"fit": 1.0, "bowl": 1.0, "loss": pytest.approx(bottom[1])}
    # a figure of one row, or one not shortened, keeps its domains
    tall = make_subplots(rows=2, cols=1).update_layout(height=400)
    assert tuple(presented(tall, 1.3)["layout"]["yaxis"]["domain"]) == tall.layout.yaxis.domain
