# x-409t: a 409.6T scale profile (Spectrum-X SN6800 class).
# 64 active optical engines x 32 lanes at 200G = 2048 lanes, plus 4 spare
# engines (as SN6810 has 4 of 36, DOMAIN.md); 64 ELSFP x 8 lasers = 512
# lasers, 4 lanes per laser; 256 ports x 8 lanes (1.6T).
name x-409t
model CPO-X-409T
serial SIMX409T0001
fw 1.0.0
oe 64 32
spare-oe 4
els 64 8
laser-lanes 4
ports 256 8 1600000
evring 4096
coolant 31
asic-load 0.7
