"""Dutch for the network's equipment labels, which this app's pages show everywhere.

The network (foundation) defines Equipment, EquipmentKind and SkillLevel but its catalogue had
no Dutch for them yet when this app was built. Marking the same msgids here puts them in this
app's catalogue, so the register, the lab finder and the mail read in Dutch; once the root
catalogue translates them, this module can go.
"""

from django.utils.translation import gettext_noop

LABELS = (
    gettext_noop("Laser cutter"),
    gettext_noop("3D printer"),
    gettext_noop("CNC milling machine"),
    gettext_noop("CNC lathe"),
    gettext_noop("Plasma cutter"),
    gettext_noop("Robot arm"),
    gettext_noop("VR headset"),
    gettext_noop("Plotter / vinyl cutter"),
    gettext_noop("Welding equipment"),
    gettext_noop("Lathe"),
    gettext_noop("Heat pump test rig"),
    gettext_noop("Solar panel test rig"),
    gettext_noop("Home automation panel"),
    gettext_noop("Electronics and soldering station"),
    gettext_noop("Microcontroller kits"),
    gettext_noop("Can use it"),
    gettext_noop("Can instruct others"),
    gettext_noop("kind (free text)"),
    gettext_noop("brand"),
    gettext_noop("model"),
    gettext_noop("number of machines"),
    gettext_noop("Only when the kind is 'Other'."),
)
