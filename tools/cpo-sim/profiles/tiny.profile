# tiny: the smallest complete CPO system, for fast tests.
# 1 optical engine x 8 lanes at 200G, 1 ELSFP with 2 lasers (each feeds
# 4 Tx lanes), 1 port x 8 lanes (1.6T).
name tiny
model CPO-SIM-TINY
serial SIMTINY0001
fw 1.0.0
oe 1 8
els 1 2
laser-lanes 4
ports 1 8 1600000
wavelength-pm 1311000
period-ms 100
evring 256
ambient 25
coolant 31
asic-load 0.6
laser-power-mw 100
