# th6-102t-spare: the 102.4T system with 2 spare lasers per ELSFP slot
# and one spare engine, oe16 (flagged CPO_HW_F_SPARE, dark, feeding no lane
# until a failover).
name th6-102t-spare
model CPO-TH6-102T-S
serial SIMTH6S00001
fw 1.0.0
oe 16 32
els 16 8
spare-lasers 2
spare-oe 1
laser-lanes 4
ports 64 8 1600000
evring 1024
coolant 31
