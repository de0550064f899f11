const { PrismaClient } = require('@prisma/client');
new PrismaClient().order.count().then(console.log);
