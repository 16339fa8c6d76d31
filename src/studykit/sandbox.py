"""A Jinja sandbox with a budget: a template can neither hang nor exhaust memory.

Jinja's own sandbox stops templates from reaching Python internals, but not
from working forever (``{% for i in range(10**5) %}`` nested three deep) or
allocating without end (``'x' * 10**10``, ``'x'|center(10**10)``, ``9**9**9``).
:class:`BoundedSandbox` adds limits, each reported as a
:class:`BudgetExceeded` (a ``SecurityError``) that says which limit and how to
fix the template:

- ``range`` gives at most :attr:`~BoundedSandbox.max_range` numbers;
- repetition (``*``), ``+``, powers, ``%`` formatting, ``str.format`` widths,
  padding methods and filters, ``join``, ``replace``, ``expandtabs`` and
  ``translate`` cannot build results longer than
  :attr:`~BoundedSandbox.max_output` characters or items, counted with the
  texts inside lists (``[big] * 9999`` prints as nine thousand bigs), and
  refused before they are built, not after memory is spent;
- ``lipsum`` (lorem ipsum) is no global: no study template needs it;
- every attribute lookup, call, operator and ``range`` step costs one step of
  :attr:`~BoundedSandbox.max_steps` per render;
- a render may use at most :attr:`~BoundedSandbox.max_seconds` of CPU time (on
  the main thread a CPU timer interrupts even a loop that makes no calls at
  all). CPU time, not wall time: a busy machine must never fail a check;
- :meth:`~BoundedSandbox.render_bounded` stops collecting output at
  :attr:`~BoundedSandbox.max_output` characters.

Use it like the plain sandbox, but render through the budget::

    env = BoundedSandbox(undefined=jinja2.StrictUndefined)
    text = env.render_bounded(env.from_string(source), {"fact": data})
    value = env.call_bounded(env.compile_expression(expr), {"fact": data})
"""

from __future__ import annotations

import contextlib
import operator
import re
import signal
import string
import threading
import time
from typing import Any, Callable

from jinja2.sandbox import SandboxedEnvironment, SecurityError

from . import regexcache


class BudgetExceeded(SecurityError):
    """A template went past one of the sandbox's limits."""


class Budget(threading.local):
    """The running budget of one thread; environments given the same Budget share it."""

    active = False
    session = False
    steps = 0
    deadline: "float | None" = 0.0  # None: the running budget's clock has not started (see _begin)
    alone = False  # this budget installed the timer handler itself (no session)
    armed = False  # in a session: the CPU timer is running (it outlives the budget that armed it)
    previous = None  # the SIGPROF handler to restore after a budget without session


_WIDTH = regexcache.compile(r"%[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?")


class BoundedSandbox(SandboxedEnvironment):
    """A SandboxedEnvironment whose renders are bounded in steps, time, size and ranges."""

    max_range = 10_000
    max_output = 200_000
    max_steps = 200_000
    max_seconds = 1.0
    max_exponent = 256

    def __init__(self, *args, budget: "Budget | None" = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.globals["range"] = self._range
        self.globals.pop("lipsum", None)  # lipsum(10**6) writes for minutes; no study template needs it
        for name in ("center", "indent", "wordwrap", "truncate", "format", "batch", "slice"):
            if name in self.filters:
                self.filters[name] = self._bounded_filter(self.filters[name])
        for name, check in (("join", self.check_join), ("replace", self.check_replace)):
            if name in self.filters:
                self.filters[name] = self._checked_filter(self.filters[name], check)
        self._local = budget if budget is not None else Budget()

    # --- the budget ---------------------------------------------------------------

    @contextlib.contextmanager
    def session(self):
        """Install the CPU-timer handler once for many budgets (a whole deck), not per budget.

        Within a session the timer stays armed across budgets: a budget only notes
        its deadline, and the timer, when it fires, re-arms itself for the rest of
        the running budget (or stops it, past its deadline).  No system call per
        budget is what keeps thousands of small renders cheap.
        """
        local = self._local
        if local.session or not _timer_usable():
            yield
            return
        previous = signal.signal(signal.SIGPROF, self._on_timer)
        local.session = True
        try:
            yield
        finally:
            local.session = False
            signal.setitimer(signal.ITIMER_PROF, 0)
            local.armed = False
            signal.signal(signal.SIGPROF, previous)

    def budget(self) -> "_BudgetScope":
        """Count steps and time from here; nested uses share the outer budget.

        A plain context manager object, not a generator: a deck opens two per question.
        """
        return _BudgetScope(self)

    def _begin(self) -> None:
        local = self._local
        local.active = True
        local.steps = 0
        if local.session:
            # The clock starts at the budget's first Jinja render or 512th step (_started): a question
            # rendered by plain functions alone (:mod:`studykit.questions.plain`: bounded, linear
            # work) asks the CPU time nothing, which is a system call.
            local.deadline = None
            if not local.armed:  # else it fires at the latest max_seconds from now: see _on_timer
                local.armed = True
                signal.setitimer(signal.ITIMER_PROF, self.max_seconds)
            return
        local.deadline = time.process_time() + self.max_seconds
        local.alone = _timer_usable()
        if local.alone:  # no session: install the handler for this budget only
            local.previous = signal.signal(signal.SIGPROF, self._on_timer)
            signal.setitimer(signal.ITIMER_PROF, self.max_seconds)

    def _end(self) -> None:
        local = self._local
        if local.alone:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, local.previous)
            local.alone, local.previous = False, None
        local.active = False

    def _started(self, local: Budget) -> float:
        """The running budget's deadline, its clock started now if it had not started yet."""
        if local.deadline is None:
            local.deadline = time.process_time() + self.max_seconds
        return local.deadline

    def render_bounded(self, template, context: dict[str, Any]) -> str:
        """Render ``template`` within the budget, refusing output past :attr:`max_output`."""
        if self._local.active:
            self._started(self._local)
            return self._collect(template, context)
        self._begin()
        try:
            return self._collect(template, context)
        finally:
            self._end()

    def call_bounded(self, function: Callable, context: dict[str, Any]):
        """Call a compiled expression (``compile_expression``) within the budget."""
        if not self._local.active:
            self._begin()
            try:
                return self.call_bounded(function, context)
            finally:
                self._end()
        self._started(self._local)
        try:
            return function(**context)
        except RecursionError:
            raise _too_deep() from None

    def _collect(self, template, context: dict[str, Any]) -> str:
        parts, size, limit = [], 0, self.max_output
        try:
            for chunk in template.generate(context):
                size += len(chunk)
                if size > limit:
                    raise BudgetExceeded(f"the template writes more than {limit:,} "
                                         "characters; check its loops")
                parts.append(chunk)
        except RecursionError:
            raise _too_deep() from None
        return "".join(parts)

    def _step(self, cost: int = 1) -> None:
        local = self._local
        if not local.active:
            return
        local.steps += cost
        if local.steps > self.max_steps:
            raise BudgetExceeded(f"the template takes more than {self.max_steps:,} steps; "
                                 "check its loops and ranges")
        if local.steps % 512 < cost and time.process_time() > self._started(local):
            self._timed_out()

    def _on_timer(self, *_):
        """SIGPROF: stop the running budget if it is past its deadline, else wait for the rest of it.

        In a session the timer was armed by an earlier budget, so it may fire
        before this one's deadline; between budgets it is simply left unarmed.
        """
        local = self._local
        local.armed = False
        if not local.active:
            return  # a late signal after the budget ended
        left = self._started(local) - time.process_time()
        if left <= self.max_seconds * 0.01 or not local.session:
            self._timed_out()
        local.armed = True
        signal.setitimer(signal.ITIMER_PROF, left)

    def _timed_out(self, *_):
        raise BudgetExceeded(f"the template takes more than {self.max_seconds:g} s of CPU time; "
                             "check its loops and ranges")

    # --- hooks of the sandbox --------------------------------------------------------

    def getattr(self, obj, attribute):
        self._step()
        if type(obj) is dict and attribute in obj and not hasattr(dict, attribute):
            return obj[attribute]  # what Jinja gives too, after a failed attribute lookup
        return super().getattr(obj, attribute)

    def getitem(self, obj, argument):
        self._step()
        return super().getitem(obj, argument)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
        __self._step()
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, (str, list, tuple)):
            __self._check_sizes(args, kwargs.values())
            if isinstance(owner, str):
                __self._check_text_method(owner, getattr(__obj, "__name__", ""), args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value):
        """``'{:>999999999}'.format(x)``: refuse widths that would build a huge text."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        nested = False
        for _, _, spec, _ in string.Formatter().parse(value.__self__):
            nested = nested or "{" in (spec or "")
            for number in re.findall(r"\d+", spec or ""):
                if int(number) > self.max_output:
                    raise BudgetExceeded(f"the format width {number} is larger than {self.max_output:,}")
        if not nested:
            return wrapped

        def checked(*args, **kwargs):  # widths given as arguments: '{:>{w}}'.format(x, w=...)
            self._check_sizes(args, kwargs.values())
            return wrapped(*args, **kwargs)

        return checked

    intercepted_binops = frozenset(["*", "**", "%", "+"])

    def call_binop(self, context, operator_name, left, right):
        self._step()
        if operator_name == "*":
            self._check_repeat(left, right)
            self._check_repeat(right, left)
        elif operator_name == "**":
            if isinstance(right, (int, float)) and abs(right) > self.max_exponent and \
                    isinstance(left, (int, float)) and abs(left) > 1:
                raise BudgetExceeded(f"the power {left} ** {right} is too large "
                                     f"(exponents up to {self.max_exponent})")
        elif operator_name == "%" and isinstance(left, str):
            self._check_percent(left, right)
        if operator_name == "+" and _weight(left, self.max_output) + _weight(right, self.max_output) > self.max_output:
            raise BudgetExceeded(f"the template builds a value longer than {self.max_output:,}")
        result = _BINOPS[operator_name](left, right)
        if isinstance(result, (str, list, tuple)) and len(result) > self.max_output:
            raise BudgetExceeded(f"the template builds a value longer than {self.max_output:,}")
        return result

    # --- limits -----------------------------------------------------------------------

    def _range(self, *args):
        numbers = range(*args)
        if len(numbers) > self.max_range:
            raise BudgetExceeded(f"range() of {len(numbers):,} numbers; at most {self.max_range:,} "
                                 "are allowed")
        return _CountedRange(numbers, self._step)

    def _check_repeat(self, seq, times) -> None:
        if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and not isinstance(times, bool) \
                and times > 0 and _weight(seq, self.max_output) * times > self.max_output:
            raise BudgetExceeded(f"repeating a value {times:,} times makes it longer than "
                                 f"{self.max_output:,}")

    def _too_long(self, size: int, what: str) -> None:
        if size > self.max_output:
            raise BudgetExceeded(f"{what} would build a text of {size:,} characters; at most "
                                 f"{self.max_output:,} are allowed")

    def check_join(self, items, separator="", *_, **__) -> None:
        """``sep.join(items)``, ``items|join(sep)``: the texts and the separators between them."""
        if isinstance(items, (str, list, tuple)):
            limit = self.max_output
            size = _weight(items, limit) + len(str(separator)) * max(len(items) - 1, 0)
            self._too_long(size, "join")

    def check_replace(self, text, old="", new="", count=None, *_, **__) -> None:
        """``text.replace(old, new)``: an empty ``old`` matches between every two characters."""
        text, old, new = str(text), str(old), str(new)
        found = len(text) + 1 if old == "" else text.count(old)
        if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
            found = min(found, count)
        self._too_long(len(text) + found * (len(new) - len(old)), "replace")

    def _check_text_method(self, text: str, name: str, args, kwargs) -> None:
        """The text methods that can multiply a text's length by an argument's."""
        if name == "join" and args:
            self.check_join(args[0], text)
        elif name == "replace" and len(args) >= 2:
            self.check_replace(text, *args[:3])
        elif name == "expandtabs":
            size = args[0] if args else kwargs.get("tabsize", 8)
            if isinstance(size, int):
                self._too_long(len(text) + text.count("\t") * max(size, 0), "expandtabs")
        elif name == "translate" and args and isinstance(args[0], dict):
            longest = max((len(v) for v in args[0].values() if isinstance(v, str)), default=1)
            self._too_long(len(text) * max(longest, 1), "translate")

    def _checked_filter(self, original: Callable, check: Callable) -> Callable:
        """A filter that first runs ``check`` on its value and arguments (Jinja passes the
        evaluation context first to both of these filters)."""
        def checked(eval_ctx, value, *args, **kwargs):
            self._step()
            check(value, *args, **kwargs)
            return original(eval_ctx, value, *args, **kwargs)

        checked.__wrapped__ = original  # what it checks before calling (see questions/plain.py)
        return _passed_like(original, checked)

    def _check_percent(self, text: str, values) -> None:
        for match in _WIDTH.finditer(text):
            for part in match.groups():
                if part == "*" or (part and int(part) > self.max_output):
                    raise BudgetExceeded("the % format asks for a width or precision that is too "
                                         "large or given by '*'")

    def _check_sizes(self, *groups) -> None:
        for group in groups:
            for value in group:
                if isinstance(value, int) and not isinstance(value, bool) and value > self.max_output:
                    raise BudgetExceeded(f"the number {value:,} is too large for a text size "
                                         f"(at most {self.max_output:,})")

    def _bounded_filter(self, original: Callable) -> Callable:
        def bounded(*args, **kwargs):
            self._step()
            self._check_sizes(args[1:], kwargs.values())
            if original.__name__ == "do_format" and args and isinstance(args[0], str):
                self._check_percent(args[0], None)
            if original.__name__ == "do_indent" and args:  # the width, once per line
                width = args[1] if len(args) > 1 else kwargs.get("width", 4)
                width = len(width) if isinstance(width, str) else width
                if isinstance(width, int) and not isinstance(width, bool):
                    text = str(args[0])
                    self._too_long(len(text) + (text.count("\n") + 1) * max(width, 0), "indent")
            return original(*args, **kwargs)

        return _passed_like(original, bounded)


class _BudgetScope:
    """``with env.budget():`` -- begins a budget unless one is running, and ends only its own."""

    __slots__ = ("env", "owner")

    def __init__(self, env: BoundedSandbox):
        self.env = env
        self.owner = False

    def __enter__(self) -> None:
        local = self.env._local
        if local.active:
            return
        self.owner = True
        if local.session and local.armed:  # _begin's work in a session whose timer runs: flags alone
            local.active, local.steps, local.deadline = True, 0, None
            return
        self.env._begin()

    def __exit__(self, *exc) -> None:
        if self.owner:
            self.owner = False
            local = self.env._local
            if local.alone:
                self.env._end()
            else:
                local.active = False  # _end's work without a timer of its own


_BINOPS = {"*": operator.mul, "**": operator.pow, "%": operator.mod, "+": operator.add}


class _CountedRange:
    """A range whose every step is charged to the budget, so nested loops cannot run away."""

    def __init__(self, numbers: range, step: Callable[[], None]):
        self._numbers = numbers
        self._step = step

    def __iter__(self):
        for n in self._numbers:
            self._step()
            yield n

    def __len__(self):
        return len(self._numbers)

    def __getitem__(self, index):
        return self._numbers[index]

    def __contains__(self, value):
        return value in self._numbers


def _passed_like(original: Callable, wrapper: Callable) -> Callable:
    """``wrapper`` under ``original``'s name, given what Jinja passes ``original`` (its
    environment or context, marked by ``jinja_pass_arg``)."""
    if hasattr(original, "jinja_pass_arg"):
        wrapper.jinja_pass_arg = original.jinja_pass_arg
    wrapper.__name__ = original.__name__
    return wrapper


def _weight(value, limit: int) -> int:
    """How long ``value`` prints, roughly: a text's length, a list's texts summed (nested
    lists too), one for anything else; counting stops once past ``limit``."""
    total, stack = 0, [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, (list, tuple)):
            total += 1
            stack.extend(item)
        elif isinstance(item, dict):
            total += 1
            stack.extend(item.keys())
            stack.extend(item.values())
        else:
            total += 1
    return total


def _too_deep() -> BudgetExceeded:
    return BudgetExceeded("the template calls a macro within itself too deeply")


def _timer_usable() -> bool:
    """POSIX CPU timers interrupt only the main thread; elsewhere the step checks stand alone."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
