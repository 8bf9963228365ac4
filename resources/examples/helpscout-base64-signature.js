Beacon('identify', { email: 'ann.lee@example.com', signature: 'yPJi55DfvSBFPGkqnXKdanOnSYPBORLvBPljKiM09jI=' });
