"""WCAG contrast of every piece of text on a page, measured in the real browser.

For each visible element under a selector: its own text, a ::before/::after it shows and its list
marker, against what is really behind it (the first opaque background up the tree, with the
translucent layers above it blended in).  Shared by the card and practice-page tests.
"""

from __future__ import annotations

CONTRASTS_JS = r"""
function rgba(s) { var m = s.match(/[\d.]+/g).map(Number); return m.length > 3 ? m : m.concat([1]); }
function lum(c) { var a = c.slice(0, 3).map(function (v) { v /= 255;
  return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * a[0] + 0.7152 * a[1] + 0.0722 * a[2]; }
function behind(el) { var layers = [];
  for (var e = el; e; e = e.parentElement) { var c = rgba(getComputedStyle(e).backgroundColor);
    if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
  var base = [255, 255, 255];
  for (var i = layers.length - 1; i >= 0; i--) { var c = layers[i];
    base = [0, 1, 2].map(function (k) { return c[k] * c[3] + base[k] * (1 - c[3]); }); }
  return base; }
function ratio(a, b) { var x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); }
var found = [];
document.querySelectorAll(arguments[0]).forEach(function (el) {
  var style = getComputedStyle(el);
  if (style.display === 'none' || style.visibility === 'hidden' || !el.getClientRects().length) return;
  var bg = behind(el), name = el.tagName.toLowerCase() + (el.className ? '.' + el.className : '');
  var text = Array.prototype.some.call(el.childNodes, function (n) { return n.nodeType === 3 && n.textContent.trim(); });
  if (text || el.tagName === 'INPUT') found.push([name, ratio(rgba(style.color), bg)]);
  ['::before', '::after', '::marker'].forEach(function (part) {
    var p = getComputedStyle(el, part);
    var shown = part === '::marker' ? style.display === 'list-item' && style.listStyleType !== 'none'
                                    : p.content && !/^(none|normal|""|'')$/.test(p.content);
    if (shown) found.push([name + part, ratio(rgba(p.color), bg)]);
  });
});
return found;
"""


def contrasts(driver, root: str) -> list[tuple[str, float]]:
    """(element, contrast ratio) for every text under ``root`` (a CSS selector) as shown now."""
    return [(what, ratio) for what, ratio in driver.execute_script(CONTRASTS_JS, f"{root} *")]
