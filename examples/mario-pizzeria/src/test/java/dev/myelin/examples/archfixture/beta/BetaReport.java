package dev.myelin.examples.archfixture.beta;

import dev.myelin.examples.archfixture.alpha.Widget;
import dev.myelin.examples.archfixture.alpha.WidgetRepository;

/** BAD: another feature reading alpha's repository and aggregate directly. */
public class BetaReport {

    private final WidgetRepository widgets;

    public BetaReport(WidgetRepository widgets) {
        this.widgets = widgets;
    }

    public String name(String id) {
        Widget widget = widgets.get(id).orElseThrow();
        return widget.id();
    }
}
