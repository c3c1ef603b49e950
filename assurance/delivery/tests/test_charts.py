from assurance.delivery.charts import bar_chart


def test_bars_scale_to_the_maximum_and_hidden_values_draw_nothing():
    chart = bar_chart(
        "T",
        [("a", 50, "50%"), ("b", None, "not shown"), ("c", 100, "100%")],
        maximum=100,
        markers={"a": 30},
    )
    a, b, c = chart.bars
    assert c.width == chart.plot_width and a.width == chart.plot_width / 2
    assert b.width == 0 and b.shown == "not shown"
    assert a.marker_x == chart.label_width + round(chart.plot_width * 0.3, 1)
    assert chart.height > 3 * 22


def test_an_empty_chart_does_not_divide_by_zero():
    assert bar_chart("T", [("a", 0, "0")]).bars[0].width == 0
