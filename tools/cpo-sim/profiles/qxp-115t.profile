# qxp-115t: an NVIDIA Quantum-X Photonics class 115.2T CPO switch.
# 144 ports x 800G; 4 ASICs x 18 optical engines of 1.6T (8 lanes at
# 200G) = 72 engines, 576 lanes; 18 detachable laser modules x 8 lasers
# = 144 lasers, one laser feeds 4 Tx lanes, so one module lights 4
# engines, 8 ports (DOMAIN.md: [S] for the counts, [I] for the split).
# The interface has no ASIC object: engines 18a..18a+17 sit on ASIC a.
name qxp-115t
model CPO-QXP-115T
serial SIMQXP000001
fw 1.0.0
oe 72 8
els 18 8
laser-lanes 4
ports 144 4 800000
evring 2048
coolant 31		# liquid-cooled
asic-load 0.6
laser-power-mw 100
