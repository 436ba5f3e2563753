# th6-102t: a Tomahawk 6 class 102.4T CPO switch (the model's default).
# 16 optical engines x 32 lanes at 200G = 512 lanes; 16 ELSFP slots x 8
# lasers = 128 lasers, one laser feeds 4 Tx lanes (so one slot lights one
# engine); 64 ports x 8 lanes (1.6T), as in SONiC's CPO port-mapping
# worked example (DOMAIN.md).
name th6-102t
model CPO-TH6-102T
serial SIMTH6000001
fw 1.0.0
oe 16 32
els 16 8
laser-lanes 4
ports 64 8 1600000
wavelength-pm 1311000
period-ms 100
evring 1024
ambient 25
coolant 31		# liquid-cooled cold plate
asic-load 0.6
laser-power-mw 100	# 20 dBm, OIF-ELSFP VHP class
laser-ith-ma 30
laser-slope 0.27
laser-imax-ma 650
laser-temp 45
aging 0.3
lane-loss-db 12.5
link-loss-db 2.0

# per-port link loss (dB) where the plant differs from link-loss-db:
# longer runs and an extra patch panel
link-loss 20 3.5
link-loss 21 3.5
link-loss 48 4.5

# lasers that have been in service a while (powered-on hours), so BOL
# against now shows drift: slot 1 was moved from another system
laser 8 age 26000
laser 9 age 26000
laser 10 age 31000
laser 11 age 26000
