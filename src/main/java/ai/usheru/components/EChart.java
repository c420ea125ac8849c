package ai.usheru.components;

import java.util.Map;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JavaScript;
import tools.jackson.databind.json.JsonMapper;

/**
 * An Apache ECharts chart. ECharts loads from its webjar (no npm build); the chart is drawn in the
 * browser from an option object built in Java, follows the light or dark theme, resizes with its
 * container, and carries an accessible title followed by ECharts' own description of its series (its
 * {@code aria} option); pair it with {@link ChartTable} for the figures as a table.
 */
@Tag("div")
@JavaScript("context://webjars/echarts/5.3.1/dist/echarts.min.js")
public class EChart extends Component implements HasSize, HasStyle {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String optionJson = "{}";

    public EChart() {
        setWidthFull();
        setHeight("18rem");
        addClassName("echart");
        getElement().setAttribute("role", "img");
    }

    /** Sets what to draw: an ECharts option object, as maps and lists. */
    public void setOption(Map<String, Object> option) {
        this.optionJson = JSON.writeValueAsString(option);
        draw();
    }

    /** The title screen readers announce for the chart. */
    public void setTitle(String title) {
        getElement().setAttribute("aria-label", title);
        getElement().setAttribute("title", title);
        getElement().setProperty("__title", title);
    }

    public String optionJson() {
        return optionJson;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        draw();
    }

    private void draw() {
        if (!isAttached()) {
            return;
        }
        getElement().executeJs("""
                const el = this;
                const option = JSON.parse($0);
                const dark = document.documentElement.getAttribute('theme') === 'dark';
                const start = () => {
                  if (!window.echarts) { setTimeout(start, 50); return; }
                  if (el.__chart && el.__dark !== dark) { el.__chart.dispose(); el.__chart = null; }
                  if (!el.__chart) {
                    el.__chart = window.echarts.init(el, dark ? 'dark' : null, { renderer: 'canvas' });
                    el.__dark = dark;
                    new ResizeObserver(() => el.__chart && el.__chart.resize()).observe(el);
                  }
                  option.backgroundColor = 'transparent';
                  // ECharts' aria option describes the series in words in the element's aria-label, after our title.
                  option.aria = Object.assign({ enabled: true, decal: { show: false },
                    label: { general: { withoutTitle: (el.__title || 'Chart') + '. ' } } }, option.aria);
                  if (option.usheruMoneyAxis) {
                    delete option.usheruMoneyAxis;
                    const money = v => {
                      const a = Math.abs(v), s = v < 0 ? '−' : '';
                      return a >= 1e9 ? s + '$' + (a / 1e9).toFixed(1) + 'B' : a >= 1e6 ? s + '$' + (a / 1e6).toFixed(1) + 'M'
                        : a >= 1e3 ? s + '$' + (a / 1e3).toFixed(0) + 'K' : s + '$' + a.toFixed(a >= 10 || a === 0 ? 0 : 2);
                    };
                    for (const axis of [option.xAxis, option.yAxis].flat()) {
                      // A log axis ticks at powers of ten, where "$10.0M" says no more than "$10M" and crowds its neighbours.
                      const label = axis && axis.type === 'log' ? v => money(v).replace('.0', '') : money;
                      if (axis && (axis.type === 'value' || axis.type === 'log')) { axis.axisLabel = Object.assign({}, axis.axisLabel, { formatter: label }); }
                    }
                    option.tooltip = Object.assign({}, option.tooltip, { valueFormatter: money });
                  }
                  el.__chart.setOption(option, true);
                  el.setAttribute('data-rendered', 'true');
                };
                start();
                """, optionJson);
    }
}
