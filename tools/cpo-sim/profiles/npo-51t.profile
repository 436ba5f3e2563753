# npo-51t: a 51.2T switch with near-packaged optics: 16 optical engines
# on the board next to the ASIC, each with its lasers inside (no ELSFP
# slots, no laser table: "els 0 0"), 32 lanes at 100G per engine = 512
# lanes; 64 ports x 8 lanes (800G).  A service action on an engine takes
# down its 4 ports: the blast radius is per engine.
name npo-51t
model CPO-NPO-51T
serial SIMNPO000001
fw 1.0.0
oe 16 32
els 0 0
laser-lanes 4		# lanes one integrated laser lights
ports 64 8 800000
evring 1024
coolant 35		# on the board: air-cooled heat sink, warmer
asic-load 0.6
laser-power-mw 100
