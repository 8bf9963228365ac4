Beacon('identify', { email: 'ann.lee@example.com', signature: 'JpzF1RWAVM5o3/eSiz/z10ZpyundjiYH8L5d3My596Q=' });
