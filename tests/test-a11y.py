#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The running window as a screen reader meets it.

Starts the real badge-doctor process with the real AT-SPI bus (Debian's
at-spi2-core), drives it through AT-SPI as an assistive technology would
(actions, keys and clicks synthesised by the AT-SPI registry) over the
matrix, plan, case details, guide, walkthrough, resets, the case list, the
main menu and the report dialog, and fails on every control a person can
act on that has no name, printing its role and path.

Usage: test-a11y.py BADGE_DOCTOR [BADGE_DOCTOR_CLI]
Exit status 77 (skipped) with the reason when there is no AT-SPI bus.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings

warnings.simplefilter('ignore', DeprecationWarning)

APP_ID = 'io.github.badgedoctor.BadgeDoctor'
SCHEMA_PATH = '/io/github/badgedoctor/BadgeDoctor/'
SYMPTOM = 'The badge is stuck on my iPhone and on my iPad or Mac too.'
PER_DEVICE_GUIDE = 'Restart iMessage and check Send & Receive'


def skip(reason):
    print(f'SKIP: {reason}')
    sys.exit(77)


try:
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi
except (ImportError, ValueError) as error:
    skip(f'no AT-SPI client library (python3-pyatspi / gir1.2-atspi-2.0): {error}')

if not os.environ.get('DISPLAY'):
    skip('no X display (run under xvfb-run)')
if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
    skip('no D-Bus session bus (run under dbus-run-session)')
if not shutil.which('at-spi-bus-launcher') and not os.path.exists('/usr/libexec/at-spi-bus-launcher'):
    skip('at-spi2-core is not installed: no accessibility bus to start')

# What a person can act on. A list item counts when it can take the focus.
ACTIONABLE = {
    Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON, Atspi.Role.CHECK_BOX,
    Atspi.Role.RADIO_BUTTON, Atspi.Role.MENU_ITEM, Atspi.Role.CHECK_MENU_ITEM,
    Atspi.Role.RADIO_MENU_ITEM, Atspi.Role.COMBO_BOX, Atspi.Role.ENTRY,
    Atspi.Role.PASSWORD_TEXT, Atspi.Role.SPIN_BUTTON, Atspi.Role.SLIDER,
    Atspi.Role.LINK, Atspi.Role.PAGE_TAB, Atspi.Role.TREE_ITEM,
}
ACTIVATING = {'click', 'activate', 'press', 'toggle'}
# GTK 4.8 reads an object without a name by its class name.
TYPE_NAME = re.compile(r'^(Gtk|Adw|Bd)[A-Z][A-Za-z]*$')


def unnamed(name):
    name = (name or '').strip()
    return name == '' or name == '(None)' or TYPE_NAME.match(name) is not None


def states(obj):
    return obj.get_state_set()


def actions(obj):
    iface = obj.get_action_iface()
    if iface is None:
        return []
    return [iface.get_action_name(i) for i in range(iface.get_n_actions())]


def actionable(obj):
    role = obj.get_role()
    if role in ACTIONABLE:
        return True
    st = states(obj)
    if role == Atspi.Role.LIST_ITEM:
        return st.contains(Atspi.StateType.FOCUSABLE) or st.contains(Atspi.StateType.SELECTABLE)
    if st.contains(Atspi.StateType.EDITABLE):
        return True
    return any(a in ACTIVATING for a in actions(obj))


def label(obj):
    name = (obj.get_name() or '').strip().replace('\n', ' ')
    if len(name) > 32:
        name = name[:31] + '…'
    return f'{obj.get_role_name()}[{name}]'


def walk(obj, path=()):
    """Every visible object under @obj with its path of roles and names."""
    try:
        if not states(obj).contains(Atspi.StateType.VISIBLE) and path:
            return
        # A combo is one control, named as a whole: GTK 4.8 builds its
        # shown value and its closed popup from list items no application
        # can name. Its button is still checked: Tab lands on it.
        if obj.get_role() in (Atspi.Role.LIST, Atspi.Role.LIST_ITEM) \
                and any(part.startswith('combo box[') for part in path):
            return
        here = path + (label(obj),)
        yield obj, here
        for i in range(obj.get_child_count()):
            child = obj.get_child_at_index(i)
            if child is not None:
                yield from walk(child, here)
    except gi.repository.GLib.Error:
        return  # gone while we looked: a popover closed, a row rebuilt


class Walk:
    def __init__(self, app_path, env):
        self.env = env
        self.process = subprocess.Popen([app_path], env=env)
        self.problems = {}
        self.seen = []
        self.app = self.wait_for(self.find_app, 'the application on the AT-SPI bus', 30)
        self.frame = self.wait_for(lambda: self.find_frame(), 'the main window', 15)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def wait_for(self, probe, what, seconds=10):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f'FAIL: badge-doctor exited ({self.process.returncode}) waiting for {what}')
            try:
                found = probe()
            except gi.repository.GLib.Error:
                found = None
            if found:
                return found
            time.sleep(0.2)
        self.dump()
        raise SystemExit(f'FAIL: no {what} after {seconds} s')

    def dump(self):
        """What the window showed, for the person reading a failure."""
        try:
            for obj, path in walk(self.app):
                if actionable(obj) or obj.get_role() in (Atspi.Role.FRAME, Atspi.Role.DIALOG, Atspi.Role.LIST):
                    print('#   ' + ' / '.join(path[-3:]), actions(obj)[:2])
        except Exception as error:  # noqa: BLE001 - a dump must not hide the failure
            print(f'# (no dump: {error})')

    def find_app(self):
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            if app is not None and app.get_process_id() == self.process.pid:
                return app
        return None

    def find_frame(self, title=None):
        for i in range(self.app.get_child_count()):
            window = self.app.get_child_at_index(i)
            if window is not None and (title is None or window.get_name() == title):
                if title is not None or window.get_role() == Atspi.Role.FRAME:
                    return window
        return None

    def find(self, root, role, name=None, startswith=None):
        for obj, _ in walk(root):
            if obj.get_role() != role:
                continue
            text = obj.get_name() or ''
            if (name is None or text == name) and (startswith is None or text.startswith(startswith)):
                return obj
        return None

    def check(self, view, root=None):
        """Records every control of @view a screen reader cannot name."""
        root = root or self.frame
        count = 0
        for obj, path in walk(root):
            if not actionable(obj):
                continue
            count += 1
            if unnamed(obj.get_name()):
                where = ' / '.join(path[1:] if path[0].startswith('application[') else path)
                self.problems.setdefault(where, (view, f'{obj.get_role_name()} without a name'))
                if os.environ.get('BD_A11Y_DEBUG'):
                    for child, inner in walk(obj):
                        print('#    ', ' / '.join(inner))
        self.seen.append(f'{view} ({count} controls)')
        return count

    def settle(self, seconds=0.6):
        time.sleep(seconds)

    def act(self, obj, *names):
        """Does the object's first action among @names, or its first action."""
        have = actions(obj)
        for name in names or have:
            if name in have:
                return obj.get_action_iface().do_action(have.index(name))
        raise SystemExit(f'FAIL: {label(obj)} has none of the actions {names} (it has {have})')

    def click(self, obj):
        """A left click in the middle of @obj, as a pointer would."""
        extents = obj.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
        Atspi.generate_mouse_event(extents.x + extents.width // 2, extents.y + min(extents.height // 2, 20), 'b1c')
        self.settle()

    def key(self, keysym):
        Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
        self.settle()

    def frame_action(self, name):
        self.wait_for(lambda: name in actions(self.frame), f'action {name} on the window')
        self.act(self.frame, name)
        self.settle()


def check_plan_rows(walker):
    """The plan's guides: each row says its state, not just an icon."""
    guides = walker.find(walker.frame, Atspi.Role.LIST, name='Guides of the plan, in order')
    if guides is None:
        walker.problems['plan'] = ('plan', 'no list "Guides of the plan, in order"')
        return
    for i in range(guides.get_child_count()):
        row = guides.get_child_at_index(i)
        if not (row.get_description() or '').strip():
            walker.problems[f'list[Guides of the plan, in order] / {label(row)}'] = \
                ('plan', 'guide row without its state in the description')


def step_menus(steps):
    """The guide's step menus: a menu button holds the button to press."""
    return [obj for obj, _ in walk(steps) if obj.get_role() == Atspi.Role.PUSH_BUTTON and 'click' in actions(obj)
            and obj.get_parent().get_role() == Atspi.Role.PUSH_BUTTON]


def check_step_names(walker, steps):
    """Each step's tick and menu says which step (and device) it is for:
    a screen reader lists them away from their rows."""
    names = {}
    menus = step_menus(steps)
    for obj, path in walk(steps):
        if obj.get_role() == Atspi.Role.CHECK_BOX or obj in menus:
            names.setdefault(obj.get_name(), []).append(' / '.join(path))
    # "Step 3: …", "More about step 3: …": the row's number is in the name
    for i in range(steps.get_child_count()):
        row = steps.get_child_at_index(i)
        number = re.match(r'\s*(\d+)\b', row.get_name() or '')
        if number is None:
            continue
        for obj, path in walk(row):
            if (obj.get_role() == Atspi.Role.CHECK_BOX or obj in menus) \
                    and number.group(1) not in re.findall(r'\d+', obj.get_name() or ''):
                walker.problems[' / '.join(path)] = ('guide', f'step control without its step number {number.group(1)}')
    for name, paths in names.items():
        if len(paths) > 1:
            walker.problems[f'{paths[1]} (and {len(paths) - 1} more)'] = \
                ('guide', f'step controls not told apart, all named "{name}"')


def run(app_path, workdir):
    env = dict(os.environ)
    # the other window tests switch accessibility off; this one needs it
    env.pop('NO_AT_BRIDGE', None)
    if env.get('GTK_A11Y', 'none') == 'none':
        env['GTK_A11Y'] = 'atspi'
    if not os.access(app_path, os.X_OK):
        raise SystemExit(f'FAIL: no program {app_path} (build it first)')
    for name in ('DATA', 'CONFIG', 'CACHE', 'STATE'):
        os.makedirs(os.path.join(workdir, name.lower()), exist_ok=True)
        env[f'XDG_{name}_HOME'] = os.path.join(workdir, name.lower())
    env['HOME'] = workdir
    # settings in the test's own folder, so the window opens tall enough
    # for every row it clicks
    settings = os.path.join(workdir, 'config', 'glib-2.0', 'settings')
    os.makedirs(settings, exist_ok=True)
    with open(os.path.join(settings, 'keyfile'), 'w') as keyfile:
        keyfile.write(f'[{SCHEMA_PATH.strip("/")}]\nwindow-width=1100\nwindow-height=1000\n')
    env['GSETTINGS_BACKEND'] = 'keyfile'
    env.setdefault('LC_ALL', 'C.UTF-8')
    env['LANGUAGE'] = ''

    # The AT-SPI registry synthesises keys and clicks on the X display:
    # it is started by D-Bus activation, which must know the display.
    subprocess.run(['dbus-update-activation-environment', 'DISPLAY', 'XAUTHORITY'], check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if Atspi.init() not in (0, 1):
        skip('atspi_init failed')

    try:
        walker = Walk(app_path, env)
    except SystemExit as error:
        if str(error).startswith('FAIL: no the application on the AT-SPI bus'):
            skip('the application never appeared on the AT-SPI bus (no accessibility bus: '
                 'is at-spi2-core installed and D-Bus activation allowed?)')
        raise
    try:
        steps(walker)
    finally:
        walker.stop()

    print('# walked: ' + ', '.join(walker.seen))
    if walker.problems:
        for path, (view, role) in sorted(walker.problems.items(), key=lambda item: item[1]):
            print(f'FAIL [{view}] {role}: {path}')
        print(f'{len(walker.problems)} problem(s)')
        return 1
    print('every control has a name')
    return 0


def steps(walker):
    frame = walker.frame

    # the matrix
    walker.wait_for(lambda: walker.find(frame, Atspi.Role.LIST_ITEM, name=SYMPTOM), 'the symptom matrix')
    walker.check('matrix')

    # a symptom, clicked: the plan of a new case
    walker.click(walker.find(frame, Atspi.Role.LIST_ITEM, name=SYMPTOM))
    walker.wait_for(lambda: walker.find(frame, Atspi.Role.LIST, name='Guides of the plan, in order'), 'the plan')
    walker.check('plan')
    check_plan_rows(walker)

    # the main menu, opened with F10 as a keyboard user does
    walker.key(0xffc7)  # F10
    details = walker.wait_for(lambda: walker.find(walker.app, Atspi.Role.MENU_ITEM, startswith='Case Details'),
                              'the main menu')
    walker.check('main menu', walker.app)
    walker.act(details, 'click', 'activate')
    walker.settle()

    # case details: the iPad and the Mac join the case
    walker.wait_for(lambda: walker.find(frame, Atspi.Role.CHECK_BOX, name='iPad'), 'the case details')
    walker.check('case details')
    for device in ('iPad', 'Mac'):
        walker.act(walker.find(frame, Atspi.Role.CHECK_BOX, name=device), 'toggle', 'click')
    walker.settle()

    # back to the plan, then the guide with steps per device
    walker.frame_action('win.back')
    guide_row = walker.wait_for(lambda: walker.find(frame, Atspi.Role.LIST_ITEM, startswith=PER_DEVICE_GUIDE),
                                'the plan again')
    walker.click(guide_row)
    steps = walker.wait_for(lambda: walker.find(frame, Atspi.Role.LIST, name='Steps'), 'the guide\'s steps')
    walker.check('guide')
    check_step_names(walker, steps)

    # the first step's menu, opened
    menus = step_menus(steps)
    if not menus:
        raise SystemExit('FAIL: the guide\'s steps have no menu to open')
    walker.act(menus[0], 'click')
    walker.wait_for(lambda: walker.find(walker.app, Atspi.Role.MENU_ITEM), 'a step\'s menu')
    walker.check('a step\'s menu', walker.app)
    walker.key(0xff1b)  # Escape

    # the report dialog
    walker.frame_action('win.export-report')
    dialog = walker.wait_for(lambda: next((w for w in (walker.app.get_child_at_index(i)
                                                        for i in range(walker.app.get_child_count()))
                                           if w is not None and w.get_role() in (Atspi.Role.DIALOG, Atspi.Role.FRAME)
                                           and w != frame), None), 'the report dialog')
    walker.settle(1.0)
    walker.check('report dialog', dialog)
    walker.key(0xff1b)  # Escape
    walker.wait_for(lambda: walker.app.get_child_count() == 1 or None, 'the report dialog to close', 5)

    # back to the matrix, then the walkthrough and the resets
    for target in ('Step-by-step walkthrough', 'Safe resets'):
        for _ in range(3):
            if walker.find(frame, Atspi.Role.LIST_ITEM, name=target) is not None:
                break
            walker.frame_action('win.back')
        walker.click(walker.wait_for(lambda: walker.find(frame, Atspi.Role.LIST_ITEM, name=target), 'the matrix'))
        walker.settle()
        walker.check('walkthrough' if target.startswith('Step') else 'resets')

    # the case list
    walker.frame_action('win.show-sidebar')
    walker.wait_for(lambda: walker.find(frame, Atspi.Role.LIST, name='Cases'), 'the case list')
    walker.settle()
    walker.check('case list')

    missing = [view for view in ('matrix', 'plan', 'main menu', 'case details', 'guide', 'report dialog',
                                 'walkthrough', 'resets', 'case list')
               if not any(seen.startswith(view + ' ') for seen in walker.seen)]
    if missing:
        raise SystemExit(f'FAIL: never reached {missing}')


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    workdir = tempfile.mkdtemp(prefix='bd-a11y-')
    try:
        return run(sys.argv[1], workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
