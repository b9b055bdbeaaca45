/** Realistic demo content for training mode: a Philippine vehicle distributor's floor. */
export const DEMO_USERS = [
  { login: 'agent1', name: 'Maria Santos', email: 'maria.santos@bpo.example', role: 'agent' },
  { login: 'agent2', name: 'Jose Reyes', email: 'jose.reyes@bpo.example', role: 'agent' },
  { login: 'supervisor1', name: 'Ana Cruz', email: 'ana.cruz@bpo.example', role: 'supervisor' },
  { login: 'manager1', name: 'Ramon Dela Rosa', email: 'ramon.delarosa@bpo.example', role: 'manager' },
] as const;

export const DEMO_PASSWORD = 'training';
export const DEMO_INTAKE_KEY = 'training-intake-key';

export const DEMO_DEALERSHIPS = [
  {
    code: 'MTY',
    name: 'Metro Toyota Quezon City',
    brands: ['Toyota'],
    managerEmail: 'sales.manager@metrotoyota.example',
    models: ['Vios', 'Corolla Cross', 'Fortuner', 'Hilux', 'Innova'],
  },
  {
    code: 'BHN',
    name: 'Bay Honda Pasay',
    brands: ['Honda'],
    managerEmail: 'sales.manager@bayhonda.example',
    models: ['City', 'Civic', 'CR-V', 'BR-V', 'HR-V'],
  },
] as const;

export const FIRST_NAMES = ['Juan', 'Andrea', 'Miguel', 'Patricia', 'Carlo', 'Kristine', 'Paolo', 'Bea', 'Rafael', 'Camille', 'Marco', 'Isabel', 'Gabriel', 'Nicole', 'Enrique', 'Sofia', 'Antonio', 'Jasmine', 'Luis', 'Katrina'];
export const LAST_NAMES = ['Garcia', 'Mendoza', 'Torres', 'Villanueva', 'Ramos', 'Aquino', 'Bautista', 'Castillo', 'Navarro', 'Domingo', 'Salazar', 'Fernandez', 'Gonzales', 'Lim', 'Tan', 'Soriano', 'Pascual', 'Ocampo', 'Rivera', 'De Leon'];
export const SOURCES = ['Website', 'Facebook', 'Walk-in', 'Referral', 'Distributor feed', 'Hotline'];
