# th5-51t: a Tomahawk 5 class 51.2T CPO switch (Bailly).
# 8 optical engines x 64 lanes at 100G = 512 lanes; 8 ELSFP x 16 lasers
# = 128 lasers, 4 lanes per laser; 128 ports x 4 lanes (400G FR4).
name th5-51t
model CPO-TH5-51T
serial SIMTH5000001
fw 1.0.0
oe 8 64
els 8 16
laser-lanes 4
ports 128 4 400000
evring 1024
coolant 35
asic-load 0.7
