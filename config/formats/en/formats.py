# US English dates written out ("December 2, 2026"), as certificates always printed
# them; Spanish and Portuguese use Django's own formats ("2 de diciembre de 2026").
DATE_FORMAT = "F j, Y"
