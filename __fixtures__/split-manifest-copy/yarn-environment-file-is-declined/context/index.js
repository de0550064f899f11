console.log(require('@billing/design-system').version);
