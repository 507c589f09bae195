x = 'ééé'; return 5
